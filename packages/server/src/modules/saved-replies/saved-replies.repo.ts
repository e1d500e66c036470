import type { DbOrTx } from '../../db';
import type { SavedRepliesTable } from '../../db/schema';

export type SavedReplyRow = SavedRepliesTable;

/** The saved replies a staff member may use: their own and the practice's (R45). */
export function listUsableReplies(db: DbOrTx, practiceId: string, userId: string): Promise<SavedReplyRow[]> {
  return db
    .selectFrom('saved_replies')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('owner_id', 'is', null)]))
    .limit(1000)
    .execute();
}

/** One saved reply of the practice, whoever's it is (the policy decides who may see it). */
export function findSavedReply(db: DbOrTx, practiceId: string, id: string): Promise<SavedReplyRow | undefined> {
  return db
    .selectFrom('saved_replies')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}
