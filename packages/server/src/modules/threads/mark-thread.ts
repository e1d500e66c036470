import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import { notFound } from '../../errors';
import { transact } from '../../db/transact';
import { cancelNotices } from '../notifications/queue-notices';
import { recordEvents, type NewLiveEvent } from '../../realtime/event-log';
import { recordReadInTx } from '../receipts/read-marks';
import { addDelta, applyUnreadDeltas, countDelta } from './counters';
import type { Sender } from './sender';

export interface ThreadFlags {
  read?: boolean;
  archived?: boolean;
}

/**
 * Changes the caller's own read/archived flags on a thread inside a transaction, keeping the
 * badge counter exact (R11–R13); reading cancels a new-message email still waiting (R48) and,
 * when an unread thread is read, records the read receipts (R47). Throws 404 when the caller
 * does not take part.
 */
export async function setThreadFlagsInTx(
  tx: Tx,
  ctx: Pick<AppContext, 'dialect' | 'clock'>,
  actor: Pick<Sender, 'userId' | 'practiceId'>,
  threadId: string,
  flags: ThreadFlags,
): Promise<void> {
  let query = tx
    .selectFrom('thread_participants')
    .selectAll()
    .where('thread_id', '=', threadId)
    .where('user_id', '=', actor.userId)
    .where('practice_id', '=', actor.practiceId);
  if (ctx.dialect === 'postgres') query = query.forUpdate();
  const before = await query.executeTakeFirst();
  if (!before) throw notFound('This conversation');
  if (flags.read) await cancelNotices(tx, { practiceId: actor.practiceId, recipientId: actor.userId, threadId });
  const after = {
    ...before,
    ...(flags.read === undefined ? {} : { unread: flags.read ? 0 : 1 }),
    ...(flags.archived === undefined ? {} : { archived: flags.archived ? 1 : 0 }),
  };
  if (after.unread === before.unread && after.archived === before.archived) return;
  await tx
    .updateTable('thread_participants')
    .set({ unread: after.unread, archived: after.archived })
    .where('thread_id', '=', threadId)
    .where('user_id', '=', actor.userId)
    .where('practice_id', '=', actor.practiceId)
    .execute();
  const deltas = new Map<string, number>();
  addDelta(deltas, actor.userId, countDelta(before, after));
  const entries: { userId: string; event: NewLiveEvent }[] = [];
  if (after.unread !== before.unread) {
    entries.push({ userId: actor.userId, event: { type: 'thread.read', threadId, read: !after.unread } });
    if (!after.unread) entries.push(...(await recordReadInTx(tx, ctx, actor, threadId)));
  }
  entries.push(...(await applyUnreadDeltas(tx, actor.practiceId, deltas)));
  await recordEvents(tx, actor.practiceId, entries);
}

/** PATCH /api/threads/:id — read/unread, archive/inbox, in one transaction, events after commit. */
export async function setThreadFlags(
  ctx: AppContext,
  actor: Pick<Sender, 'userId' | 'practiceId'>,
  threadId: string,
  flags: ThreadFlags,
): Promise<void> {
  await transact(ctx, (tx) => setThreadFlagsInTx(tx, ctx, actor, threadId, flags));
}
