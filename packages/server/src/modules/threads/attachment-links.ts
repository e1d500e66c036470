import type { PracticeCipher } from '../../crypto/keyring';
import { binding } from '../../crypto/bindings';
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

/** The names of attachments, decrypted (for the search index of the message they were sent with). */
export async function attachmentNames(
  tx: DbOrTx,
  cipher: PracticeCipher,
  practiceId: string,
  ids: string[] | undefined,
): Promise<string[]> {
  if (!ids || ids.length === 0) return [];
  const rows = await tx
    .selectFrom('attachments')
    .select(['id', 'name_enc'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map((row) => cipher.decrypt(binding('attachments.name', row.id), row.name_enc));
}
