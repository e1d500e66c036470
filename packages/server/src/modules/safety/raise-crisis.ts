import type { EscalationGroup } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import { newId, nowIso } from '../../ids';
import { enqueueEmails } from '../../outbox/enqueue';
import { recordEvents } from '../../realtime/event-log';
import { findOpenAlert } from './alerts.repo';
import type { MessageSafetyInput } from './check-message';
import { joinEscalationGroup } from './join-thread';

/**
 * R42: a client's message holds words of crisis. The detection is audited; unless the thread
 * already carries an open crisis alert, it gets one, the escalation group joins the thread,
 * and the thread's staff and the group are alerted at once — live, and by a PHI-free email.
 */
export async function raiseCrisis(
  tx: Tx,
  ctx: AppContext,
  input: MessageSafetyInput,
  group: EscalationGroup,
): Promise<void> {
  const { practiceId, threadId, messageId } = input;
  await recordAudit(tx, {
    practiceId,
    actorId: null,
    action: 'safety.crisis.detected',
    targets: { threadId, messageId },
  });
  if (await findOpenAlert(tx, practiceId, threadId, 'crisis')) return;
  const now = nowIso(ctx.clock.now());
  const alertId = newId();
  await tx
    .insertInto('thread_alerts')
    .values({
      id: alertId,
      practice_id: practiceId,
      thread_id: threadId,
      message_id: messageId,
      kind: 'crisis',
      raised_at: now,
      cleared_at: null,
      cleared_by: null,
    })
    .execute();
  const joined = await joinEscalationGroup(tx, { practiceId, threadId, group, reason: 'crisis', now });
  const threadStaff = input.participants.filter((p) => p.kind === 'staff' && p.status === 'active').map((p) => p.id);
  const alerted = [...new Set([...threadStaff, ...joined.staffIds])];
  await enqueueEmails(
    tx,
    alerted.map((recipientId) => ({ practiceId, recipientId, template: 'crisis_alert' as const })),
  );
  await recordAudit(tx, {
    practiceId,
    actorId: null,
    action: 'safety.crisis.alerted',
    targets: { threadId, alertId, recipients: String(alerted.length) },
  });
  await recordEvents(tx, practiceId, [
    ...joined.events,
    ...alerted.map((userId) => ({
      userId,
      event: { type: 'alert.raised' as const, threadId, kind: 'crisis' as const },
    })),
  ]);
}
