/* Frozen: never import application code here, never edit after release — add a new migration. */
import type { Kysely } from 'kysely';

/** The tables the backfill reads and writes, as they are at this migration. */
interface Tables {
  audit_events: { practice_id: string; seq: number; action: string; targets: string };
  thread_participants: { thread_id: string; user_id: string };
  users: { id: string; kind: string };
  audit_clients: { practice_id: string; client_id: string; seq: number; action: string };
}

/** Audit events that name a thread: their clients are the thread's client participants. */
const threadActions = ['thread.opened', 'message.sent', 'message.deleted', 'thread.deleted'];

/**
 * R32/R38: which clients an audit event concerns (ids only, an index for the client filter and
 * the access report), signed checkpoints of each practice's chain head, and indexes for the
 * admin audit filters. Existing events are indexed from their targets (`clientId`) and, for
 * thread events, from the thread's client participants as they are now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_clients')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_clients_pk', ['practice_id', 'client_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_clients_action')
    .on('audit_clients')
    .columns(['practice_id', 'client_id', 'action', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('sig', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['practice_id', 'seq'])
    .execute();

  await db.schema
    .createIndex('audit_events_actor')
    .on('audit_events')
    .columns(['practice_id', 'actor_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_events_action')
    .on('audit_events')
    .columns(['practice_id', 'action', 'seq'])
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').columns(['practice_id', 'at']).execute();

  await backfill(db as unknown as Kysely<Tables>);
}

async function backfill(db: Kysely<Tables>): Promise<void> {
  let after = { practice: '', seq: 0 };
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['practice_id', 'seq', 'action', 'targets'])
      .where((eb) =>
        eb.or([
          eb('practice_id', '>', after.practice),
          eb.and([eb('practice_id', '=', after.practice), eb('seq', '>', after.seq)]),
        ]),
      )
      .orderBy('practice_id')
      .orderBy('seq')
      .limit(1000)
      .execute();
    const last = rows[rows.length - 1];
    if (!last) return;
    after = { practice: last.practice_id, seq: Number(last.seq) };
    const parsed = rows.map((row) => ({ ...row, targets: JSON.parse(row.targets) as Record<string, string> }));
    const threadIds = [
      ...new Set(
        parsed
          .filter((r) => threadActions.includes(r.action) && r.targets.threadId)
          .map((r) => r.targets.threadId ?? ''),
      ),
    ];
    const clientsOf = new Map<string, string[]>();
    if (threadIds.length > 0) {
      const members = await db
        .selectFrom('thread_participants')
        .innerJoin('users', 'users.id', 'thread_participants.user_id')
        .select(['thread_participants.thread_id', 'thread_participants.user_id'])
        .where('thread_participants.thread_id', 'in', threadIds)
        .where('users.kind', '=', 'client')
        .execute();
      for (const m of members) clientsOf.set(m.thread_id, [...(clientsOf.get(m.thread_id) ?? []), m.user_id]);
    }
    const values = parsed.flatMap((row) => {
      const ids = new Set<string>();
      if (row.targets.clientId) ids.add(row.targets.clientId);
      if (threadActions.includes(row.action) && row.targets.threadId) {
        for (const id of clientsOf.get(row.targets.threadId) ?? []) ids.add(id);
      }
      return [...ids].map((clientId) => ({
        practice_id: row.practice_id,
        client_id: clientId,
        seq: Number(row.seq),
        action: row.action,
      }));
    });
    if (values.length > 0) await db.insertInto('audit_clients').values(values).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_at').execute();
  await db.schema.dropIndex('audit_events_action').execute();
  await db.schema.dropIndex('audit_events_actor').execute();
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropIndex('audit_clients_action').execute();
  await db.schema.dropTable('audit_clients').execute();
}
