/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/**
 * Search (R44): a thread found by the name of someone in it is listed by when it started, newest
 * first; this index lets that query walk a practice's threads in that order and stop at a page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('threads_practice_started')
    .on('threads')
    .columns(['practice_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('threads_practice_started').execute();
}
