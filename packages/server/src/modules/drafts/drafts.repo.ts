import type { DbOrTx } from '../../db';
import type { DraftsTable } from '../../db/schema';

export type DraftRow = DraftsTable;

/** One of the caller's own drafts, or undefined (someone else's draft is as good as missing). */
export function findOwnDraft(db: DbOrTx, practiceId: string, userId: string, id: string) {
  return db
    .selectFrom('drafts')
    .selectAll()
    .where('id', '=', id)
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The caller's drafts, most recently edited first. */
export function listOwnDrafts(db: DbOrTx, practiceId: string, userId: string) {
  return db
    .selectFrom('drafts')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}
