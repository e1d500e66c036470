import type { PracticeSettings } from '@confide/api';
import type { Tx } from '../../db';
import { nowIso } from '../../ids';
import { reminderDueAt, replyDueAt } from '../../policies/business-time';
import { findOpenAlert } from './alerts.repo';
import { addJob, pendingJobKinds } from './jobs.repo';

/**
 * R39/R41: a client's message gets its reply-by time from the practice's hours, and the thread
 * a reminder (unless one is pending already: the earlier message's comes first) and an
 * escalation at the promise (unless one is pending or the thread is overdue already).
 * Returns the reply-by time stored on the message.
 */
export async function schedulePromise(
  tx: Tx,
  settings: PracticeSettings,
  input: { practiceId: string; threadId: string; messageId: string; createdAt: string },
): Promise<string | null> {
  const { practiceId, threadId, messageId } = input;
  const sentAt = new Date(input.createdAt);
  const practice = { timeZone: settings.timeZone, hours: settings.hours, closedDays: settings.closedDays };
  const due = replyDueAt(sentAt, practice, settings.responseBusinessDays);
  const remindAt = reminderDueAt(sentAt, practice, settings.reminderBusinessHours);
  const expectedReplyBy = due ? nowIso(due) : null;
  if (expectedReplyBy) {
    await tx
      .updateTable('messages')
      .set({ expected_reply_by: expectedReplyBy })
      .where('practice_id', '=', practiceId)
      .where('id', '=', messageId)
      .execute();
  }
  const pending = await pendingJobKinds(tx, practiceId, threadId);
  const job = { practiceId, threadId, messageId, now: input.createdAt };
  if (remindAt && !pending.has('reminder')) await addJob(tx, { ...job, kind: 'reminder', dueAt: nowIso(remindAt) });
  if (expectedReplyBy && !pending.has('escalation') && !(await findOpenAlert(tx, practiceId, threadId, 'overdue'))) {
    await addJob(tx, { ...job, kind: 'escalation', dueAt: expectedReplyBy });
  }
  return expectedReplyBy;
}
