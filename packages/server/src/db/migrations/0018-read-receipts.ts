/* Frozen: never import application code here, never edit after release — add a new migration. */
import { sql, type Kysely } from 'kysely';

/**
 * R47 read receipts, derived rather than written per message: each time a participant reads a
 * thread that was unread for them, one row says up to which message (`through_at`, `through_id`:
 * the thread's order) and when. A message was read by someone when a row of theirs reaches it; the
 * earliest such row says when. Participants who had read their threads before this migration get
 * one row through the thread's newest message with no time (`read_at` null: read, time unknown).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('thread_reads')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('through_at', 'text', (c) => c.notNull())
    .addColumn('through_id', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addPrimaryKeyConstraint('thread_reads_pk', ['thread_id', 'user_id', 'through_id'])
    .execute();
  await db.schema.createIndex('thread_reads_thread').on('thread_reads').columns(['practice_id', 'thread_id']).execute();
  await sql`
    INSERT INTO thread_reads (practice_id, thread_id, user_id, through_at, through_id, read_at)
    SELECT tp.practice_id, tp.thread_id, tp.user_id, m.created_at, m.id, NULL
    FROM thread_participants tp
    JOIN messages m ON m.thread_id = tp.thread_id
    WHERE tp.unread = 0
      AND m.id = (
        SELECT m2.id FROM messages m2 WHERE m2.thread_id = tp.thread_id
        ORDER BY m2.created_at DESC, m2.id DESC LIMIT 1
      )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('thread_reads').execute();
}
