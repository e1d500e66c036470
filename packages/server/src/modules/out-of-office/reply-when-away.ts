import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import { newId } from '../../ids';
import { recordEvents, type NewLiveEvent } from '../../realtime/event-log';
import { queueMessageNotices } from '../notifications/queue-notices';
import type { MessageSafetyInput } from '../safety/check-message';
import { addDelta, applyUnreadDeltas } from '../threads/counters';
import { loadActivePeriods } from './out-of-office.repo';
import { binding } from '../../crypto/bindings';

/**
 * R40, inside the send's transaction: a client wrote to staff of whom some are out of office
 * now. For each such period, once per thread (the unique index on period and thread decides,
 * also when two messages race), the practice answers at once with an automatic reply, and the
 * covering colleague joins the thread — as staff, unread in their Inbox, so they read and answer
 * it under the same rules as everyone else. Both are audited. Staff who joined for an alert do
 * not count as the people the client wrote to.
 */
export async function replyForAwayStaff(tx: Tx, ctx: AppContext, input: MessageSafetyInput): Promise<void> {
  if (input.sender.kind !== 'client') return;
  const addressed = input.participants.filter((p) => p.kind === 'staff' && !p.joinedFor).map((p) => p.id);
  const periods = await loadActivePeriods(tx, input.practiceId, input.createdAt, addressed);
  if (periods.length === 0) return;
  const cipher = await ctx.keys.forPractice(tx, input.practiceId);
  // Read again: an alert raised by this same message may have brought the colleague in already.
  const rows = await tx
    .selectFrom('thread_participants')
    .select('user_id')
    .where('practice_id', '=', input.practiceId)
    .where('thread_id', '=', input.threadId)
    .execute();
  const present = new Set(rows.map((r) => r.user_id));
  const joining: string[] = [];
  for (const period of periods) {
    const id = newId();
    const inserted = await tx
      .insertInto('auto_replies')
      .values({
        id,
        practice_id: input.practiceId,
        thread_id: input.threadId,
        period_id: period.id,
        away_id: period.user_id,
        covering_id: period.covering_id,
        back_at: period.ends_at,
        note_enc: cipher.encrypt(
          binding('auto_replies.note', id),
          cipher.decrypt(binding('out_of_office.note', period.id), period.note_enc),
        ),
        created_at: input.createdAt,
      })
      .onConflict((oc) => oc.columns(['period_id', 'thread_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    await recordAudit(tx, {
      practiceId: input.practiceId,
      actorId: null,
      action: 'out_of_office.replied',
      targets: {
        threadId: input.threadId,
        messageId: input.messageId,
        periodId: period.id,
        userId: period.user_id,
        clientId: input.sender.id,
      },
    });
    if (!present.has(period.covering_id)) {
      present.add(period.covering_id);
      joining.push(period.covering_id);
    }
  }
  await joinCoveringColleagues(tx, input, joining);
}

/** The covering colleagues join the thread with it unread in their Inbox, and hear of it live and by email. */
async function joinCoveringColleagues(tx: Tx, input: MessageSafetyInput, joining: string[]): Promise<void> {
  if (joining.length === 0) return;
  const { practiceId, threadId } = input;
  await tx
    .insertInto('thread_participants')
    .values(
      joining.map((userId) => ({
        thread_id: threadId,
        user_id: userId,
        practice_id: practiceId,
        has_incoming: 1,
        has_sent: 0,
        archived: 0,
        unread: 1,
        last_activity_at: input.createdAt,
        joined_for: 'covering',
      })),
    )
    .execute();
  await tx
    .updateTable('threads')
    .set((eb) => ({ staff_count: eb('staff_count', '+', joining.length) }))
    .where('id', '=', threadId)
    .where('practice_id', '=', practiceId)
    .execute();
  const deltas = new Map<string, number>();
  for (const userId of joining) {
    addDelta(deltas, userId, 1);
    await recordAudit(tx, {
      practiceId,
      actorId: null,
      action: 'thread.joined',
      targets: { threadId, userId, reason: 'covering' },
    });
  }
  const active = await tx
    .selectFrom('users')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('id', 'in', joining)
    .where('status', '=', 'active')
    .where('portal', '=', 1)
    .execute();
  await queueMessageNotices(tx, {
    practiceId,
    threadId,
    recipientIds: active.map((u) => u.id),
    now: input.createdAt,
  });
  const created: { userId: string; event: NewLiveEvent }[] = joining.map((userId) => ({
    userId,
    event: { type: 'message.created', threadId, messageId: input.messageId },
  }));
  await recordEvents(tx, practiceId, [...created, ...(await applyUnreadDeltas(tx, practiceId, deltas))]);
}
