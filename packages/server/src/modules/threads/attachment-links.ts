import type { DbOrTx } from '../../db';
import { AppError } from '../../errors';

/**
 * Checks that every attachment id was uploaded by the actor in this practice and is still
 * free (not sent; not in another draft), then links them to a message or a draft — inside
 * the caller's transaction, so a refusal leaves nothing linked (R34). The error names no file.
 */
export async function linkAttachments(
  tx: DbOrTx,
  input: {
    practiceId: string;
    uploaderId: string;
    ids: string[] | undefined;
    to: { messageId: string } | { draftId: string };
    /** The draft being sent or saved: its own attachments count as free. */
    fromDraftId?: string | null;
  },
): Promise<number> {
  const ids = [...new Set(input.ids ?? [])];
  if (ids.length === 0) return 0;
  let query = tx
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', ids)
    .where('practice_id', '=', input.practiceId)
    .where('uploader_id', '=', input.uploaderId)
    .where('message_id', 'is', null);
  const fromDraftId = input.fromDraftId;
  query = fromDraftId
    ? query.where((eb) => eb.or([eb('draft_id', 'is', null), eb('draft_id', '=', fromDraftId)]))
    : query.where('draft_id', 'is', null);
  const found = await query.execute();
  if (found.length !== ids.length) {
    throw new AppError(
      'validation_failed',
      'One or more attachments cannot be added: upload the files again and retry.',
    );
  }
  const set =
    'messageId' in input.to ? { message_id: input.to.messageId, draft_id: null } : { draft_id: input.to.draftId };
  await tx
    .updateTable('attachments')
    .set(set)
    .where('practice_id', '=', input.practiceId)
    .where('id', 'in', ids)
    .execute();
  return ids.length;
}
