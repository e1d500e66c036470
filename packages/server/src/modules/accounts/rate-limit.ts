import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db';
import { nowIso } from '../../ids';

/**
 * A fixed-window counter kept in the database, so every node spends one budget (R28): one
 * atomic upsert adds the hit, or starts a new window when the stored one is over, and answers
 * the count. Works the same on SQLite and PostgreSQL (INSERT … ON CONFLICT … RETURNING).
 */
export async function hitRateLimit(db: DbOrTx, key: string, windowMs: number, now: number) {
  const at = nowIso(new Date(now));
  const over = nowIso(new Date(now - windowMs));
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: at, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // Both expressions read the row as it was, on both databases.
        hits: sql<number>`case when rate_limits.window_start <= ${over} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start <= ${over} then ${at} else rate_limits.window_start end`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetsAt: Date.parse(row.window_start) + windowMs };
}

/**
 * The stored key of a rate limit: a keyed hash (under a key derived from the master key), so
 * the table holds no address or email and cannot be matched against a list of emails.
 */
export function rateLimitKey(masterKey: Buffer, parts: string[]): string {
  const key = createHmac('sha256', masterKey).update('confide-rate-limit-v1').digest();
  return createHmac('sha256', key).update(parts.join('\u0000')).digest('base64url');
}

/** Drops counters whose window is over. */
export async function pruneRateLimits(db: DbOrTx, windowMs: number, now: number) {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', nowIso(new Date(now - windowMs)))
    .execute();
}
