import type { PolicyActor } from './types';

/** A saved reply as the policy sees it: whose it is (null: the practice's). */
export interface SavedReplyShape {
  ownerId: string | null;
}

/** R45: saved replies are a staff tool; clients never see them. */
export function canUseSavedReplies(actor: PolicyActor): boolean {
  return actor.kind === 'staff' && actor.status === 'active';
}

/** R45: who may see a saved reply — its owner, or any staff member for the practice's. */
export function canSeeSavedReply(actor: PolicyActor, reply: SavedReplyShape): boolean {
  return canUseSavedReplies(actor) && (reply.ownerId === null || reply.ownerId === actor.userId);
}

/** R45: who may change or delete one — its owner; the practice's only by an admin. */
export function canEditSavedReply(actor: PolicyActor, reply: SavedReplyShape): boolean {
  if (!canSeeSavedReply(actor, reply)) return false;
  return reply.ownerId === null ? actor.isAdmin : reply.ownerId === actor.userId;
}
