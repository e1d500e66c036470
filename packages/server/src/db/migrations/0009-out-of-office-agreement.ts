/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/**
 * R40 out of office: each staff member's period (with a covering colleague), and the automatic
 * replies sent in threads — one per thread per period, which the unique index holds even when
 * two client messages race. R43: the practice's versioned messaging agreement and each client's
 * acceptances (version, time, hash of the text).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('out_of_office')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text', (c) => c.notNull())
    .addColumn('covering_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('out_of_office_user').on('out_of_office').columns(['practice_id', 'user_id']).execute();
  await db.schema
    .createIndex('out_of_office_period')
    .on('out_of_office')
    .columns(['practice_id', 'ends_at', 'starts_at'])
    .execute();

  await db.schema
    .createTable('auto_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('period_id', 'text', (c) => c.notNull())
    .addColumn('away_id', 'text', (c) => c.notNull())
    .addColumn('covering_id', 'text', (c) => c.notNull())
    .addColumn('back_at', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auto_replies_once')
    .on('auto_replies')
    .columns(['period_id', 'thread_id'])
    .unique()
    .execute();
  await db.schema.createIndex('auto_replies_thread').on('auto_replies').columns(['practice_id', 'thread_id']).execute();

  await db.schema
    .createTable('agreement_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agreement_versions_version')
    .on('agreement_versions')
    .columns(['practice_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('agreement_acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agreement_acceptances_client')
    .on('agreement_acceptances')
    .columns(['practice_id', 'client_id', 'version'])
    .unique()
    .execute();
}

/** Drops what `up` added, in reverse order. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agreement_acceptances').execute();
  await db.schema.dropTable('agreement_versions').execute();
  await db.schema.dropTable('auto_replies').execute();
  await db.schema.dropTable('out_of_office').execute();
}
