import { PostgresAdapter, sql } from 'kysely';
import type { DbOrTx } from './index';

/** Whether this database (or transaction) is PostgreSQL rather than the embedded SQLite. */
export function isPostgres(db: DbOrTx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * NOTIFY inside the caller's transaction (PostgreSQL; nothing on SQLite, a single process).
 * NOTIFY is transactional: listeners on every node receive the payloads, in order, exactly
 * when the transaction commits and never if it rolls back, even if this process dies right
 * after the commit. Each payload must stay under 8000 bytes.
 */
export async function notifyInTransaction(tx: DbOrTx, channel: string, payloads: string[]): Promise<void> {
  if (payloads.length === 0 || !isPostgres(tx)) return;
  await sql`SELECT pg_notify(${channel}, payload) FROM unnest(${payloads}::text[]) WITH ORDINALITY AS n(payload, i) ORDER BY i`.execute(
    tx,
  );
}
