import { sql } from 'kysely';
import type { DbOrTx } from '../../db';
import { unscoped } from '../../db/unscoped';
import { nowIso } from '../../ids';

/** R28: this many failed sign-ins for one email within LOCK_MINUTES lock it for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const LOCK_MS = LOCK_MINUTES * 60_000;

// Failures are kept by the practice's keyed email hash whether or not the email has an account,
// so a locked known email and a locked unknown one answer alike (R28) and no email is stored.

/** Whether sign-ins for this email hash are locked now, and whether any failure is on record. */
export async function signInFailureState(db: DbOrTx, practiceId: string, emailLookup: string, now: number) {
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('practice_id', '=', practiceId)
    .where('email_lookup', '=', emailLookup)
    .executeTakeFirst();
  return { isLocked: Boolean(row?.locked_until && Date.parse(row.locked_until) > now), hasFailures: Boolean(row) };
}

/**
 * Counts one failed sign-in (one atomic upsert, so nodes racing on one email count every failure);
 * the failure that reaches MAX_FAILED_LOGINS locks the email. A failure older than LOCK_MINUTES
 * no longer counts.
 */
export async function recordSignInFailure(db: DbOrTx, practiceId: string, emailLookup: string, now: number) {
  const at = nowIso(new Date(now));
  const stale = nowIso(new Date(now - LOCK_MS));
  const row = await db
    .insertInto('login_failures')
    .values({ practice_id: practiceId, email_lookup: emailLookup, failures: 1, locked_until: null, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['practice_id', 'email_lookup']).doUpdateSet({
        failures: sql<number>`case when login_failures.updated_at < ${stale} then 1 else login_failures.failures + 1 end`,
        updated_at: at,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (Number(row.failures) >= MAX_FAILED_LOGINS) {
    await db
      .updateTable('login_failures')
      .set({ failures: 0, locked_until: nowIso(new Date(now + LOCK_MS)) })
      .where('practice_id', '=', practiceId)
      .where('email_lookup', '=', emailLookup)
      .execute();
  }
}

/** Forgets the failures of an email: after a good sign-in or a password reset. */
export async function clearSignInFailures(db: DbOrTx, practiceId: string, emailLookup: string) {
  await db
    .deleteFrom('login_failures')
    .where('practice_id', '=', practiceId)
    .where('email_lookup', '=', emailLookup)
    .execute();
}

/** Drops failures nobody has added to for a day and whose lock, if any, is over. */
export async function pruneSignInFailures(db: DbOrTx, now: number) {
  const cutoff = nowIso(new Date(now - 24 * 60 * 60_000));
  await unscoped(db, 'sign-in.prune')
    .deleteFrom('login_failures')
    .where('updated_at', '<', cutoff)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso(new Date(now)))]))
    .execute();
}
