import {
  teamNames,
  type AttachmentInfo,
  type Message,
  type Person,
  type TeamAssignment,
  type ThreadDetail,
  type ThreadSummary,
} from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import { visibleParticipants } from '../../policies/participants';
import { canDeleteMessage, canDeleteThread, canQuickNote, canReply, replyBlockedReason } from '../../policies/threads';
import { actsForTeam } from '../../policies/teams';
import type { PolicyActor, ThreadShape } from '../../policies/types';
import { personOf, shapeOf, type Member, type ParticipantRow, type ThreadRow } from './threads.repo';
import { binding } from '../../crypto/bindings';

/**
 * R36: a thread's people as this viewer may see them, by id — the one gate between a thread's
 * members and anything shown to a person (a client never meets another client here).
 */
export function peopleFor(viewer: PolicyActor, cipher: PracticeCipher, members: Member[]): Map<string, Person> {
  return new Map(visibleParticipants(viewer, members).map((m) => [m.id, personOf(cipher, m)]));
}

/**
 * R46: a team thread's team, assignee and whether the viewer may change it — for staff only (a
 * client wrote to the team; who of it holds the thread is the practice's business).
 */
function teamFor(
  actor: PolicyActor,
  cipher: PracticeCipher,
  thread: ThreadRow,
  members: Member[],
): { team?: TeamAssignment } {
  if (!thread.team || actor.kind !== 'staff') return {};
  const assignee = members.find((m) => m.id === thread.assigned_to);
  return {
    team: {
      id: thread.team,
      name: teamNames[thread.team],
      assignee: assignee ? personOf(cipher, assignee) : null,
      canAssign: actsForTeam(actor, thread.team),
    },
  };
}

/** An attachment as a message lists it. */
export function presentAttachment(
  cipher: PracticeCipher,
  row: { id: string; name_enc: string; size: number; content_type: string },
): AttachmentInfo {
  return {
    id: row.id,
    name: cipher.decrypt(binding('attachments.name', row.id), row.name_enc),
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

/** A folder row: the other participants the caller may see (R36), marks and abilities (R14). */
export function presentSummary(
  actor: PolicyActor,
  cipher: PracticeCipher,
  thread: ThreadRow,
  own: Pick<ParticipantRow, 'unread' | 'archived'>,
  subject: string,
  members: Member[],
): ThreadSummary {
  const shape = shapeOf(thread, members);
  const others = [...peopleFor(actor, cipher, members).values()].filter((p) => p.id !== actor.userId);
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
    ...teamFor(actor, cipher, thread, members),
  };
}

/** The whole thread as its participant sees it (R8, R9, R15, R18), people as R36 allows. */
export function presentDetail(
  actor: PolicyActor,
  cipher: PracticeCipher,
  thread: ThreadRow,
  own: Pick<ParticipantRow, 'unread' | 'archived'>,
  subject: string,
  members: Member[],
  messages: Message[],
): ThreadDetail {
  const shape = shapeOf(thread, members);
  return {
    id: thread.id,
    subject,
    participants: [...peopleFor(actor, cipher, members).values()],
    messages,
    unread: Boolean(own.unread),
    archived: Boolean(own.archived),
    canReply: canReply(actor, shape),
    replyBlockedReason: replyBlockedReason(actor, shape),
    canQuickNote: canQuickNote(actor, shape),
    canDelete: canDeleteThread(actor, shape),
    createdBy: thread.created_by,
    ...teamFor(actor, cipher, thread, members),
  };
}
