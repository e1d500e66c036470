import type { Db, DbOrTx } from '../db';
import type { OutboxTable } from '../db/schema';
import { unscoped } from '../db/unscoped';
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
  return unscoped(db, 'outbox.worker')
    .transaction()
    .execute(async (tx) => {
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

/** How one claimed delivery ended: reached the mail server, never can, or try again later. */
export type DeliveryOutcome =
  | { id: string; state: 'sent' }
  | { id: string; state: 'failed'; reason: string }
  | { id: string; state: 'retry'; attempts: number; reason: string };

/**
 * Records how claimed deliveries ended, in one transaction. The worker records each email as
 * soon as it ends; until then its row stays leased, so a worker that dies in between delivers
 * it again (at least once, with the same Message-ID). `reason` is technical, never content.
 */
export async function recordOutcomes(db: Db, outcomes: DeliveryOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const now = Date.now();
  const sent: string[] = [];
  const failed = new Map<string, string[]>();
  const retries: { id: string; reason: string; at: string }[] = [];
  for (const outcome of outcomes) {
    if (outcome.state === 'sent') sent.push(outcome.id);
    else if (outcome.state === 'failed' || outcome.attempts >= MAX_ATTEMPTS) {
      failed.set(outcome.reason, [...(failed.get(outcome.reason) ?? []), outcome.id]);
    } else {
      const at = nowIso(new Date(now + retryDelayMs(outcome.attempts)));
      retries.push({ id: outcome.id, reason: outcome.reason, at });
    }
  }
  await unscoped(db, 'outbox.worker')
    .transaction()
    .execute(async (tx) => {
      if (sent.length > 0) {
        await tx
          .updateTable('outbox')
          .set({ state: 'sent', sent_at: nowIso(new Date(now)), lease_until: null, last_error: null })
          .where('id', 'in', sent)
          .execute();
      }
      for (const [reason, ids] of failed) {
        await tx
          .updateTable('outbox')
          .set({ state: 'failed', lease_until: null, last_error: reason })
          .where('id', 'in', ids)
          .execute();
      }
      for (const retry of retries) {
        await tx
          .updateTable('outbox')
          .set({ lease_until: null, last_error: retry.reason, next_attempt_at: retry.at })
          .where('id', '=', retry.id)
          .execute();
      }
    });
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
