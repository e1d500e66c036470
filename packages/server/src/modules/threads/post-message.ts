import { clientTargets, recordAudit } from '../../audit/audit';
import type { PracticeCipher } from '../../crypto/keyring';
import type { Tx } from '../../db';
import { newId } from '../../ids';
import { recordEvents } from '../../realtime/event-log';
import { queueMessageNotices } from '../notifications/queue-notices';
import { queueForIndex } from '../search/search-index';
import { linkAttachments } from './attachment-links';
import { applyUnreadDeltas, markMessageArrived } from './counters';
import { clientIdsOf, type Member } from './threads.repo';
import { binding } from '../../crypto/bindings';

export interface PostMessageInput {
  practiceId: string;
  senderId: string;
  ip: string | null;
  threadId: string;
  participants: Member[];
  body: string;
  attachmentIds?: string[];
  fromDraftId?: string | null;
  /** The time of the message (the context's clock). */
  now: string;
}

/**
 * Writes one message into a thread inside the caller's transaction: the message, its
 * attachments, its place in the search index's queue (R44), every participant's folder and unread flags, the badge counters, the audit
 * row, the live events and the notification emails (R8, R11, R12, R20, R21, R48).
 */
export async function postMessage(
  tx: Tx,
  cipher: PracticeCipher,
  input: PostMessageInput,
): Promise<{ messageId: string; createdAt: string }> {
  const messageId = newId();
  const now = input.now;
  const hasAttachments = (input.attachmentIds?.length ?? 0) > 0;
  await tx
    .insertInto('messages')
    .values({
      id: messageId,
      thread_id: input.threadId,
      practice_id: input.practiceId,
      sender_id: input.senderId,
      body_enc: cipher.encrypt(binding('messages.body', messageId), input.body),
      created_at: now,
      has_attachments: hasAttachments ? 1 : 0,
    })
    .execute();
  await linkAttachments(tx, {
    practiceId: input.practiceId,
    uploaderId: input.senderId,
    ids: input.attachmentIds,
    to: { messageId },
    fromDraftId: input.fromDraftId,
  });
  await queueForIndex(tx, { practiceId: input.practiceId, threadId: input.threadId, messageId });

  const deltas = await markMessageArrived(tx, {
    practiceId: input.practiceId,
    threadId: input.threadId,
    senderId: input.senderId,
    now,
  });
  await tx
    .updateTable('threads')
    .set(hasAttachments ? { last_message_at: now, has_attachments: 1 } : { last_message_at: now })
    .where('id', '=', input.threadId)
    .where('practice_id', '=', input.practiceId)
    .execute();

  await recordAudit(tx, {
    practiceId: input.practiceId,
    actorId: input.senderId,
    action: 'message.sent',
    targets: { threadId: input.threadId, messageId, ...clientTargets(clientIdsOf(input.participants)) },
    ip: input.ip,
  });
  const created = input.participants.map((p) => ({
    userId: p.id,
    event: { type: 'message.created' as const, threadId: input.threadId, messageId },
  }));
  await recordEvents(tx, input.practiceId, [...created, ...(await applyUnreadDeltas(tx, input.practiceId, deltas))]);
  await queueMessageNotices(tx, {
    practiceId: input.practiceId,
    threadId: input.threadId,
    recipientIds: input.participants
      .filter((p) => p.id !== input.senderId && p.portal && p.status !== 'disabled')
      .map((p) => p.id),
    now,
  });
  return { messageId, createdAt: now };
}
