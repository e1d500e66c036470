import type { Tx } from '../../db';
import { notFound } from '../../errors';

/**
 * Removes a draft that is being sent, inside the send's transaction. If it is already gone
 * (sent twice at once, or deleted meanwhile) the whole send rolls back instead of sending twice.
 */
export async function consumeDraft(
  tx: Tx,
  owner: { practiceId: string; userId: string },
  draftId: string,
): Promise<void> {
  const result = await tx
    .deleteFrom('drafts')
    .where('id', '=', draftId)
    .where('practice_id', '=', owner.practiceId)
    .where('user_id', '=', owner.userId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound('This draft');
}
