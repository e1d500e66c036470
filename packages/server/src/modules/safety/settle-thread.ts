import { recordAudit } from '../../audit/audit';
import type { Tx } from '../../db';
import { recordEvents } from '../../realtime/event-log';
import { activeThreadStaff, cancelJobs } from './jobs.repo';

/**
 * R41: a staff member wrote in the thread, which answers its client: pending reminders and
 * escalations are cancelled and an open Overdue mark is cleared (audited, live for the thread's staff).
 */
export async function settleThread(
  tx: Tx,
  input: { practiceId: string; threadId: string; messageId: string; senderId: string; now: string },
): Promise<void> {
  const { practiceId, threadId } = input;
  await cancelJobs(tx, { practiceId, threadId, kinds: ['reminder', 'escalation'], now: input.now });
  const cleared = await tx
    .updateTable('thread_alerts')
    .set({ cleared_at: input.now, cleared_by: input.senderId })
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .where('kind', '=', 'overdue')
    .where('cleared_at', 'is', null)
    .returning('id')
    .execute();
  const alertId = cleared[0]?.id;
  if (!alertId) return;
  await recordAudit(tx, {
    practiceId,
    actorId: input.senderId,
    action: 'safety.overdue.answered',
    targets: { threadId, alertId, messageId: input.messageId },
  });
  const staff = await activeThreadStaff(tx, practiceId, threadId);
  await recordEvents(
    tx,
    practiceId,
    staff.map((userId) => ({ userId, event: { type: 'alert.cleared' as const, threadId, kind: 'overdue' as const } })),
  );
}
