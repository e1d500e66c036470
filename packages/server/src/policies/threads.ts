import {
  REPLY_BLOCKED_INACTIVE_CLIENT,
  REPLY_BLOCKED_MULTIPLE_CLIENTS,
  REPLY_BLOCKED_SHARED_MESSAGE,
} from '@confide/api';
import type { MessageShape, PolicyActor, ThreadShape } from './types';

function clientCount(thread: ThreadShape): number {
  return thread.participants.filter((p) => p.kind === 'client').length;
}

function isParticipant(actor: PolicyActor, thread: ThreadShape): boolean {
  return thread.participants.some((p) => p.id === actor.userId);
}

/** R3/R10: an inactive client may not write into a thread that includes a provider. */
export function isInactiveClientBlocked(actor: PolicyActor, thread: ThreadShape): boolean {
  return actor.kind === 'client' && actor.status !== 'active' && thread.participants.some((p) => p.role === 'provider');
}

/** R9: replies are off for everyone when a group thread holds two or more clients. */
export function repliesTurnedOff(thread: ThreadShape): boolean {
  return thread.participants.length > 2 && clientCount(thread) >= 2;
}

/**
 * Why the actor cannot reply, as the sentence the thread shows, or null when they can
 * (R9, R10). Non-participants get a generic refusal; routes answer them 404 before asking.
 * A client is not told that the thread went to other clients (R36).
 */
export function replyBlockedReason(actor: PolicyActor, thread: ThreadShape): string | null {
  if (!isParticipant(actor, thread)) return 'You are not part of this conversation.';
  if (actor.status === 'disabled') return 'Your account is disabled.';
  if (repliesTurnedOff(thread)) {
    return actor.kind === 'client' ? REPLY_BLOCKED_SHARED_MESSAGE : REPLY_BLOCKED_MULTIPLE_CLIENTS;
  }
  if (isInactiveClientBlocked(actor, thread)) return REPLY_BLOCKED_INACTIVE_CLIENT;
  return null;
}

/** R9, R10: may the actor reply in this thread? */
export function canReply(actor: PolicyActor, thread: ThreadShape): boolean {
  return replyBlockedReason(actor, thread) === null;
}

/** R18: a staff member who started a thread that includes a client may delete it; clients never (R19). */
export function canDeleteThread(actor: PolicyActor, thread: ThreadShape): boolean {
  return (
    actor.kind === 'staff' &&
    thread.createdBy === actor.userId &&
    isParticipant(actor, thread) &&
    clientCount(thread) > 0
  );
}

/** R17: a staff member may delete a message they sent into a thread that includes a client. */
export function canDeleteMessage(actor: PolicyActor, message: MessageShape, thread: ThreadShape): boolean {
  return (
    actor.kind === 'staff' &&
    message.senderId === actor.userId &&
    isParticipant(actor, thread) &&
    clientCount(thread) > 0
  );
}

/** R15: a provider taking part in a thread with exactly one client may make a quick note. */
export function canQuickNote(actor: PolicyActor, thread: ThreadShape): boolean {
  return actor.role === 'provider' && isParticipant(actor, thread) && clientCount(thread) === 1;
}

/** The one client of a thread, if it has exactly one (the chart a quick note goes to). */
export function soleClientId(thread: ThreadShape): string | null {
  const clients = thread.participants.filter((p) => p.kind === 'client');
  return clients.length === 1 ? (clients[0]?.id ?? null) : null;
}
