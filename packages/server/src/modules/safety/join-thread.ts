import type { EscalationGroup } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { Tx } from '../../db';
import type { NewLiveEvent } from '../../realtime/event-log';
import { addDelta, applyUnreadDeltas } from '../threads/counters';

const roleOf: Record<EscalationGroup, 'front_office' | 'provider'> = {
  front_office: 'front_office',
  providers: 'provider',
};

/**
 * Brings the escalation group into a thread that needs them (R41, R42): each active member who
 * does not take part yet joins it as staff, with the thread unread in their Inbox, so they can
 * open and answer it under the same rules as everyone else. Each joining is audited. This is
 * the one way a thread's participants change after it was started; the client keeps seeing the
 * conversation with the people they wrote to (the joined staff stay backstage for them).
 */
export async function joinEscalationGroup(
  tx: Tx,
  input: { practiceId: string; threadId: string; group: EscalationGroup; reason: 'crisis' | 'overdue'; now: string },
): Promise<{ staffIds: string[]; events: { userId: string; event: NewLiveEvent }[] }> {
  const members = await tx
    .selectFrom('users')
    .select('id')
    .where('practice_id', '=', input.practiceId)
    .where('kind', '=', 'staff')
    .where('role', '=', roleOf[input.group])
    .where('status', '=', 'active')
    .execute();
  const present = await tx
    .selectFrom('thread_participants')
    .select('user_id')
    .where('practice_id', '=', input.practiceId)
    .where('thread_id', '=', input.threadId)
    .execute();
  const already = new Set(present.map((p) => p.user_id));
  const joining = members.map((m) => m.id).filter((id) => !already.has(id));
  if (joining.length > 0) {
    await tx
      .insertInto('thread_participants')
      .values(
        joining.map((userId) => ({
          thread_id: input.threadId,
          user_id: userId,
          practice_id: input.practiceId,
          has_incoming: 1,
          has_sent: 0,
          archived: 0,
          unread: 1,
          last_activity_at: input.now,
          joined_for: input.reason,
        })),
      )
      .execute();
    await tx
      .updateTable('threads')
      .set((eb) => ({ staff_count: eb('staff_count', '+', joining.length) }))
      .where('id', '=', input.threadId)
      .where('practice_id', '=', input.practiceId)
      .execute();
    for (const userId of joining) {
      await recordAudit(tx, {
        practiceId: input.practiceId,
        actorId: null,
        action: 'thread.joined',
        targets: { threadId: input.threadId, userId, reason: input.reason },
      });
    }
  }
  const deltas = new Map<string, number>();
  for (const userId of joining) addDelta(deltas, userId, 1);
  return { staffIds: members.map((m) => m.id), events: await applyUnreadDeltas(tx, input.practiceId, deltas) };
}
