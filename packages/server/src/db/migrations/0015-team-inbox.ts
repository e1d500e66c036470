/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/**
 * R46 team inbox: a thread a client wrote to a team (`front_office` | `billing`) keeps that team
 * and who of its members it is assigned to. The team view pages a team's threads newest first,
 * all of them or by assignee (NULL: unassigned), each an index range scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('threads').addColumn('team', 'text').execute();
  await db.schema
    .alterTable('threads')
    .addColumn('assigned_to', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('threads_team')
    .on('threads')
    .columns(['practice_id', 'team', 'last_message_at', 'id'])
    .execute();
  await db.schema
    .createIndex('threads_team_assignee')
    .on('threads')
    .columns(['practice_id', 'team', 'assigned_to', 'last_message_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('threads_team_assignee').execute();
  await db.schema.dropIndex('threads_team').execute();
  await db.schema.alterTable('threads').dropColumn('assigned_to').execute();
  await db.schema.alterTable('threads').dropColumn('team').execute();
}
