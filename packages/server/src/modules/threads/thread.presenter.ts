import type { AttachmentInfo, Message, Person, ThreadDetail, ThreadSummary } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import { canDeleteMessage, canDeleteThread, canQuickNote, canReply, replyBlockedReason } from '../../policies/threads';
import type { PolicyActor, ThreadShape } from '../../policies/types';
import type { ParticipantRow, ThreadRow } from './threads.repo';

/** An attachment as a message lists it. */
export function presentAttachment(
  cipher: PracticeCipher,
  row: { id: string; name_enc: string; size: number; content_type: string },
): AttachmentInfo {
  return {
    id: row.id,
    name: cipher.decrypt(`attachments.name:${row.id}`, row.name_enc),
    size: Number(row.size),
    type: row.content_type,
  };
}

/** A message with the caller's ability to delete it (R17). */
export function presentMessage(
  actor: PolicyActor,
  shape: ThreadShape,
  message: { id: string; threadId: string; senderId: string; body: string; createdAt: string },
  sender: Person,
  attachments: AttachmentInfo[],
): Message {
  return {
    id: message.id,
    threadId: message.threadId,
    sender,
    body: message.body,
    createdAt: message.createdAt,
    attachments,
    canDelete: canDeleteMessage(actor, { senderId: message.senderId }, shape),
  };
}

/** A folder row: the other participants, marks and the caller's abilities (R14). */
export function presentSummary(
  actor: PolicyActor,
  shape: ThreadShape,
  thread: ThreadRow,
  own: Pick<ParticipantRow, 'unread' | 'archived'>,
  subject: string,
  others: Person[],
): ThreadSummary {
  return {
    id: thread.id,
    subject,
    participants: others,
    lastMessageAt: thread.last_message_at,
    unread: Boolean(own.unread),
    archived: Boolean(own.archived),
    hasAttachments: Boolean(thread.has_attachments),
    canReply: canReply(actor, shape),
    canDelete: canDeleteThread(actor, shape),
  };
}

/** The whole thread as its participant sees it (R8, R9, R15, R18). */
export function presentDetail(
  actor: PolicyActor,
  shape: ThreadShape,
  thread: ThreadRow,
  own: Pick<ParticipantRow, 'unread' | 'archived'>,
  subject: string,
  participants: Person[],
  messages: Message[],
): ThreadDetail {
  return {
    id: thread.id,
    subject,
    participants,
    messages,
    unread: Boolean(own.unread),
    archived: Boolean(own.archived),
    canReply: canReply(actor, shape),
    replyBlockedReason: replyBlockedReason(actor, shape),
    canQuickNote: canQuickNote(actor, shape),
    canDelete: canDeleteThread(actor, shape),
    createdBy: thread.created_by,
  };
}
