import type { Kysely } from 'kysely';

/**
 * Indexes for the attachment sweep: finding unsent attachments past their age, and checking
 * listed blob keys against rows without scanning the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('attachments_blob_key').on('attachments').column('blob_key').unique().execute();
  await db.schema
    .createIndex('attachments_unsent')
    .on('attachments')
    .columns(['message_id', 'draft_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('attachments_unsent').execute();
  await db.schema.dropIndex('attachments_blob_key').execute();
}
