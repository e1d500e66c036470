import type { SavedReply } from '@confide/api';
import { binding } from '../../crypto/bindings';
import type { PracticeCipher } from '../../crypto/keyring';
import { canEditSavedReply } from '../../policies/saved-replies';
import type { PolicyActor } from '../../policies/types';
import type { SavedReplyRow } from './saved-replies.repo';

/** A saved reply as its viewer sees it, decrypted, with whether they may edit it. */
export function presentSavedReply(actor: PolicyActor, cipher: PracticeCipher, row: SavedReplyRow): SavedReply {
  return {
    id: row.id,
    scope: row.owner_id === null ? 'practice' : 'personal',
    title: cipher.decrypt(binding('saved_replies.title', row.id), row.title_enc),
    body: cipher.decrypt(binding('saved_replies.body', row.id), row.body_enc),
    updatedAt: row.updated_at,
    canEdit: canEditSavedReply(actor, { ownerId: row.owner_id }),
  };
}

/** The viewer's own replies first, then the practice's, each by title. */
export function sortSavedReplies(replies: SavedReply[]): SavedReply[] {
  const rank = (r: SavedReply) => (r.scope === 'personal' ? 0 : 1);
  return replies.sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}
