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
  // One statement per payload, one after another: listeners receive them in this order.
  for (const payload of payloads) await notify(tx, channel, payload);
}

/**
 * One NOTIFY, built with Kysely (a SELECT of no table) so it passes the practice-scope check
 * (db/practice-scope.ts), which refuses raw statements. Outside a transaction it is sent at once.
 */
export async function notify(db: DbOrTx, channel: string, payload: string): Promise<void> {
  await db.selectNoFrom(sql`pg_notify(${channel}, ${payload})`.as('notified')).execute();
}
