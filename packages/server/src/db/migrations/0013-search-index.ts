/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/**
 * Search (R44): keyed hashes of normalised word prefixes, never the words (R31). A message's
 * words and attachment names point to the message (`search_terms`, newest first per term); a
 * thread's subject to the thread (`search_subjects`, newest thread first per term). `search_backfill` marks the practices whose
 * messages from before this index have been indexed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_terms')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['practice_id', 'term', 'at', 'message_id'])
    .execute();
  await db.schema
    .createIndex('search_terms_thread')
    .on('search_terms')
    .columns(['practice_id', 'thread_id', 'message_id'])
    .execute();
  await db.schema
    .createTable('search_subjects')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_subjects_pk', ['practice_id', 'term', 'at', 'thread_id'])
    .execute();
  await db.schema
    .createIndex('search_subjects_thread')
    .on('search_subjects')
    .columns(['practice_id', 'thread_id'])
    .execute();
  await db.schema
    .createTable('search_backfill')
    .addColumn('practice_id', 'text', (c) => c.primaryKey().references('practices.id').onDelete('cascade'))
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_backfill').execute();
  await db.schema.dropTable('search_subjects').execute();
  await db.schema.dropTable('search_terms').execute();
}
