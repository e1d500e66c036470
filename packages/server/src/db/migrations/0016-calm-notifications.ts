/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/**
 * Calm notifications (R48): `pending_notices` holds, per person and thread, a new-message email
 * not yet queued — written in the send's transaction, removed when the person reads the thread,
 * turned into one outbox row per person when due. `notice_digests` is one row per person: when
 * they were last emailed about new messages, and the row a notices round locks for that person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pending_notices')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_notices_pk', ['practice_id', 'recipient_id', 'thread_id'])
    .execute();
  await db.schema.createIndex('pending_notices_due').on('pending_notices').columns(['due_at']).execute();
  await db.schema
    .createTable('notice_digests')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('last_emailed_at', 'text')
    .addPrimaryKeyConstraint('notice_digests_pk', ['practice_id', 'recipient_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notice_digests').execute();
  await db.schema.dropTable('pending_notices').execute();
}
