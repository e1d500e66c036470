import { recordAudit } from '../../audit/audit';
import type { Tx } from '../../db';
import type { SafetyJobsTable } from '../../db/schema';
import { enqueueEmails } from '../../outbox/enqueue';
import { recordEvents } from '../../realtime/event-log';
import { activeThreadStaff } from './jobs.repo';

/**
 * R41: no staff recipient opened a client's message within the reminder time (opening the
 * thread cancels the job): its active staff are reminded, live and by a PHI-free email. Audited.
 */
export async function sendReminder(tx: Tx, job: SafetyJobsTable): Promise<void> {
  const { practice_id: practiceId, thread_id: threadId, message_id: messageId } = job;
  const staff = await activeThreadStaff(tx, practiceId, threadId);
  await enqueueEmails(
    tx,
    staff.map((recipientId) => ({ practiceId, recipientId, template: 'reply_reminder' as const })),
  );
  await recordAudit(tx, {
    practiceId,
    actorId: null,
    action: 'safety.reminder.sent',
    targets: { threadId, messageId, recipients: String(staff.length) },
  });
  await recordEvents(
    tx,
    practiceId,
    staff.map((userId) => ({ userId, event: { type: 'alert.raised' as const, threadId, kind: 'reminder' as const } })),
  );
}
