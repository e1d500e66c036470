import { parseSettings } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { Tx } from '../../db';
import type { SafetyJobsTable } from '../../db/schema';
import { newId } from '../../ids';
import { enqueueEmails } from '../../outbox/enqueue';
import { recordEvents } from '../../realtime/event-log';
import { getPractice } from '../practices/practices.repo';
import { findOpenAlert } from './alerts.repo';
import { joinEscalationGroup } from './join-thread';
import { activeThreadStaff } from './jobs.repo';

/**
 * R41: a client's message had no staff reply by its reply-by time (a reply cancels the job).
 * The thread is marked Overdue for its staff, the escalation group joins it and finds it in
 * their Overdue folder, and all of them are alerted live and by a PHI-free email. Audited.
 */
export async function escalate(tx: Tx, job: SafetyJobsTable, now: string): Promise<void> {
  const { practice_id: practiceId, thread_id: threadId, message_id: messageId } = job;
  if (await findOpenAlert(tx, practiceId, threadId, 'overdue')) return;
  const settings = parseSettings((await getPractice(tx, practiceId)).settings);
  const alertId = newId();
  await tx
    .insertInto('thread_alerts')
    .values({
      id: alertId,
      practice_id: practiceId,
      thread_id: threadId,
      message_id: messageId,
      kind: 'overdue',
      raised_at: now,
      cleared_at: null,
      cleared_by: null,
    })
    .execute();
  const threadStaff = await activeThreadStaff(tx, practiceId, threadId);
  const joined = await joinEscalationGroup(tx, {
    practiceId,
    threadId,
    group: settings.escalationGroup,
    reason: 'overdue',
    now,
  });
  const alerted = [...new Set([...threadStaff, ...joined.staffIds])];
  await enqueueEmails(
    tx,
    alerted.map((recipientId) => ({ practiceId, recipientId, template: 'overdue_alert' as const })),
  );
  await recordAudit(tx, {
    practiceId,
    actorId: null,
    action: 'safety.overdue.escalated',
    targets: { threadId, alertId, messageId, recipients: String(alerted.length) },
  });
  await recordEvents(tx, practiceId, [
    ...joined.events,
    ...alerted.map((userId) => ({
      userId,
      event: { type: 'alert.raised' as const, threadId, kind: 'overdue' as const },
    })),
  ]);
}
