import type { Db, DbOrTx } from '../db';
import type { OutboxTable } from '../db/schema';
import { nowIso } from '../ids';

/** How long a claimed row stays with its worker before another may retry it (a node died). */
export const LEASE_MS = 2 * 60_000;
/** After this many attempts a delivery ends as failed, visible to admins. */
export const MAX_ATTEMPTS = 12;

/** The wait before attempt n+1 after n failed attempts: 5 s doubling, at most 30 min (about 1.7 h in all). */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

/**
 * Claims up to `limit` due deliveries for this worker: sets their lease and counts the attempt.
 * On PostgreSQL the rows are locked with SKIP LOCKED inside a short transaction, so workers
 * on several nodes never claim the same row twice.
 */
export async function claimDue(db: Db, dialect: 'sqlite' | 'postgres', limit: number): Promise<OutboxTable[]> {
  return db.transaction().execute(async (tx) => {
    const now = nowIso();
    let due = tx
      .selectFrom('outbox')
      .select('id')
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (dialect === 'postgres') due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    return tx
      .updateTable('outbox')
      .set((eb) => ({ lease_until: nowIso(new Date(Date.now() + LEASE_MS)), attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  });
}

/** Records a delivery that reached the mail server (or the local mailbox). */
export async function markSent(db: DbOrTx, id: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state: 'sent', sent_at: nowIso(), lease_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Ends a delivery that can never succeed (recipient gone); `reason` is technical, never content. */
export async function markFailed(db: DbOrTx, id: string, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state: 'failed', lease_until: null, last_error: reason })
    .where('id', '=', id)
    .execute();
}

/** Schedules the next attempt with backoff, or fails the delivery once attempts run out. */
export async function markRetry(db: DbOrTx, row: Pick<OutboxTable, 'id' | 'attempts'>, reason: string): Promise<void> {
  if (row.attempts >= MAX_ATTEMPTS) return markFailed(db, row.id, reason);
  await db
    .updateTable('outbox')
    .set({
      lease_until: null,
      last_error: reason,
      next_attempt_at: nowIso(new Date(Date.now() + retryDelayMs(row.attempts))),
    })
    .where('id', '=', row.id)
    .execute();
}

/** One page of a practice's deliveries, newest first (ids are time-ordered). */
export function listDeliveries(db: DbOrTx, practiceId: string, cursor: string | undefined, limit: number) {
  let query = db
    .selectFrom('outbox')
    .select([
      'id',
      'template',
      'recipient_id',
      'state',
      'attempts',
      'last_error',
      'created_at',
      'next_attempt_at',
      'sent_at',
    ])
    .where('practice_id', '=', practiceId)
    .orderBy('id', 'desc')
    .limit(limit);
  if (cursor) query = query.where('id', '<', cursor);
  return query.execute();
}
