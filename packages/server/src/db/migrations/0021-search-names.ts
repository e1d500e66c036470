/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/**
 * R44 with R31 and R36: the beginnings of people's names as keyed hashes (never a name), so a
 * search finds people by name without decrypting everyone's. Written when a person is created;
 * the people from before are indexed at start (a person with no row here has not been yet).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_names')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_names_pk', ['practice_id', 'term', 'user_id'])
    .execute();
  await db.schema.createIndex('search_names_user').on('search_names').columns(['practice_id', 'user_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_names').execute();
}
