import type { Kysely } from 'kysely';

/**
 * R37: the external agents of a client's care team. An agent may find and address only the
 * clients listed here (plus staff); removing the row ends that reach for new messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('care_team_agents')
    .addColumn('practice_id', 'text', (c) => c.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('care_team_agents_pk', ['client_id', 'agent_id'])
    .execute();
  await db.schema
    .createIndex('care_team_agents_agent')
    .on('care_team_agents')
    .columns(['practice_id', 'agent_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('care_team_agents').execute();
}
