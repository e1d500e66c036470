/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/**
 * The safety net (R39, R41, R42): the reply-by time of a client's message, alerts on threads
 * (possible crisis, overdue) until someone acknowledges or clears them, and the database job
 * queue of reminders and escalations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('expected_reply_by', 'text').execute();
  // Why a staff member joined a thread after it started (the escalation group: 'crisis' | 'overdue').
  await db.schema.alterTable('thread_participants').addColumn('joined_for', 'text').execute();

  await db.schema
    .createTable('thread_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .addColumn('cleared_by', 'text')
    .execute();
  await db.schema
    .createIndex('thread_alerts_open')
    .on('thread_alerts')
    .columns(['practice_id', 'kind', 'cleared_at', 'thread_id'])
    .execute();
  await db.schema.createIndex('thread_alerts_thread').on('thread_alerts').columns(['thread_id', 'kind']).execute();

  await db.schema
    .createTable('safety_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('safety_jobs_due').on('safety_jobs').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('safety_jobs_thread').on('safety_jobs').columns(['thread_id', 'state']).execute();
}

/** Drops what `up` added, in reverse order. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('safety_jobs').execute();
  await db.schema.dropTable('thread_alerts').execute();
  await db.schema.alterTable('thread_participants').dropColumn('joined_for').execute();
  await db.schema.alterTable('messages').dropColumn('expected_reply_by').execute();
}
