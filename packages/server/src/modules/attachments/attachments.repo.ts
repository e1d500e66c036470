import type { DbOrTx } from '../../db';
import type { AttachmentsTable } from '../../db/schema';
import { unscoped } from '../../db/unscoped';

/** An attachment row with what the download policy needs about its message or draft. */
export interface AttachmentForAccess {
  id: string;
  practiceId: string;
  uploaderId: string;
  messageId: string | null;
  /** The thread of the message it was sent with (null while it sits on a draft). */
  threadId: string | null;
  draftOwnerId: string | null;
  isThreadParticipant: boolean;
  nameEnc: string;
  size: number;
  contentType: string;
  blobKey: string;
}

/** One attachment of a practice, joined to the asking user's participation in its thread. */
export async function findAttachmentForAccess(
  db: DbOrTx,
  practiceId: string,
  id: string,
  userId: string,
): Promise<AttachmentForAccess | null> {
  const row = await db
    .selectFrom('attachments as a')
    .leftJoin('messages as m', (join) =>
      join.onRef('m.id', '=', 'a.message_id').onRef('m.practice_id', '=', 'a.practice_id'),
    )
    .leftJoin('thread_participants as tp', (join) =>
      join
        .onRef('tp.thread_id', '=', 'm.thread_id')
        .onRef('tp.practice_id', '=', 'a.practice_id')
        .on('tp.user_id', '=', userId),
    )
    .leftJoin('drafts as d', (join) =>
      join.onRef('d.id', '=', 'a.draft_id').onRef('d.practice_id', '=', 'a.practice_id'),
    )
    .select([
      'a.id',
      'a.practice_id',
      'a.uploader_id',
      'a.message_id',
      'm.thread_id',
      'a.name_enc',
      'a.size',
      'a.content_type',
      'a.blob_key',
      'd.user_id as draft_owner_id',
      'tp.user_id as participant_id',
    ])
    .where('a.id', '=', id)
    .where('a.practice_id', '=', practiceId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    practiceId: row.practice_id,
    uploaderId: row.uploader_id,
    messageId: row.message_id,
    threadId: row.thread_id ?? null,
    draftOwnerId: row.draft_owner_id ?? null,
    isThreadParticipant: row.participant_id !== null && row.participant_id !== undefined,
    nameEnc: row.name_enc,
    size: Number(row.size),
    contentType: row.content_type,
    blobKey: row.blob_key,
  };
}

/** Inserts the rows of one upload (inside the caller's transaction). */
export async function insertAttachments(tx: DbOrTx, rows: AttachmentsTable[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('attachments').values(rows).execute();
}

/**
 * Deletes up to `limit` attachments never linked to a message or draft and created before
 * `cutoff`; the condition is re-checked by the DELETE itself, so one linked meanwhile stays.
 */
export async function deleteExpiredUnsent(db: DbOrTx, cutoff: string, limit: number): Promise<string[]> {
  const candidates = await unscoped(db, 'attachments.sweep')
    .selectFrom('attachments')
    .select('id')
    .where('message_id', 'is', null)
    .where('draft_id', 'is', null)
    .where('created_at', '<', cutoff)
    .limit(limit)
    .execute();
  if (candidates.length === 0) return [];
  const deleted = await unscoped(db, 'attachments.sweep')
    .deleteFrom('attachments')
    .where(
      'id',
      'in',
      candidates.map((c) => c.id),
    )
    .where('message_id', 'is', null)
    .where('draft_id', 'is', null)
    .returning('blob_key')
    .execute();
  return deleted.map((d) => d.blob_key);
}

/** Which of these blob keys some attachment row still uses. */
export async function blobKeysInUse(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await unscoped(db, 'attachments.sweep')
    .selectFrom('attachments')
    .select('blob_key')
    .where('blob_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.blob_key));
}
