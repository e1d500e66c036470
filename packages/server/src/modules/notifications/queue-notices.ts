import { parseSettings } from '@confide/api';
import type { DbOrTx, Tx } from '../../db';
import { nowIso } from '../../ids';
import { enqueueEmails } from '../../outbox/enqueue';
import { getPractice } from '../practices/practices.repo';

export interface MessageNoticeInput {
  practiceId: string;
  threadId: string;
  /** Who is told about the new message (portal accounts, not the sender). */
  recipientIds: string[];
  /** The time of the message (the context's clock). */
  now: string;
}

/**
 * R20/R48, inside the send's transaction: tells each recipient a message is waiting. A practice
 * with neither a delay nor a digest queues the emails at once, as before; otherwise each
 * recipient gets a pending notice for the thread, due after the delay, which the notices round
 * turns into at most one email per digest window (run-notices.ts). A notice already waiting for
 * the same person and thread stays as it is: that thread has been unread since then.
 */
export async function queueMessageNotices(tx: Tx, input: MessageNoticeInput): Promise<void> {
  if (input.recipientIds.length === 0) return;
  const settings = parseSettings((await getPractice(tx, input.practiceId)).settings);
  if (settings.notificationDelayMinutes === 0 && settings.notificationDigestMinutes === 0) {
    await enqueueEmails(
      tx,
      input.recipientIds.map((recipientId) => ({
        practiceId: input.practiceId,
        recipientId,
        template: 'new_message' as const,
      })),
    );
    return;
  }
  const dueAt = nowIso(new Date(Date.parse(input.now) + settings.notificationDelayMinutes * 60_000));
  await tx
    .insertInto('pending_notices')
    .values(
      input.recipientIds.map((recipientId) => ({
        practice_id: input.practiceId,
        recipient_id: recipientId,
        thread_id: input.threadId,
        due_at: dueAt,
        created_at: input.now,
      })),
    )
    .onConflict((oc) => oc.columns(['practice_id', 'recipient_id', 'thread_id']).doNothing())
    .execute();
}

/** R48: reading a thread cancels the new-message email still waiting for that person and thread. */
export async function cancelNotices(
  tx: DbOrTx,
  input: { practiceId: string; recipientId: string; threadId: string },
): Promise<void> {
  await tx
    .deleteFrom('pending_notices')
    .where('practice_id', '=', input.practiceId)
    .where('recipient_id', '=', input.recipientId)
    .where('thread_id', '=', input.threadId)
    .execute();
}
