import type { Config } from '../../config';
import { hashToken } from '../../crypto/tokens';
import type { DbOrTx } from '../../db';
import { nowIso } from '../../ids';

/** A WebAuthn ceremony's challenge is good for this long, and once (R53). */
export const CHALLENGE_MS = 5 * 60_000;

/**
 * The relying party: Confide at PUBLIC_URL. Its host is the RP ID a passkey is bound to, and its
 * origin the only one whose answers are accepted, so a passkey cannot be phished by another site.
 * The name shown by the authenticator is the product's, not the practice's (no PHI on a device).
 */
export function relyingParty(config: Pick<Config, 'publicUrl'>) {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Confide' };
}

/** Keeps a challenge until it is answered (by its hash: the table holds nothing replayable). */
export async function storeChallenge(
  db: DbOrTx,
  challenge: { practiceId: string; userId: string | null; purpose: 'register' | 'sign_in'; value: string },
  now: number,
): Promise<void> {
  await db
    .insertInto('webauthn_challenges')
    .values({
      id: hashToken(challenge.value),
      practice_id: challenge.practiceId,
      user_id: challenge.userId,
      purpose: challenge.purpose,
      expires_at: nowIso(new Date(now + CHALLENGE_MS)),
    })
    .execute();
  // Challenges nobody answered are dropped as new ones are made: the table stays small.
  await db
    .deleteFrom('webauthn_challenges')
    .where('practice_id', '=', challenge.practiceId)
    .where('expires_at', '<', nowIso(new Date(now)))
    .execute();
}

/**
 * Spends the challenge a browser's answer carries: true once for a live challenge of this practice,
 * purpose (and person, when registering); the delete is the lock, so a replay on any node is refused.
 */
export async function takeChallenge(
  db: DbOrTx,
  practiceId: string,
  purpose: 'register' | 'sign_in',
  userId: string | null,
  value: string,
  now: number,
): Promise<boolean> {
  let query = db
    .deleteFrom('webauthn_challenges')
    .where('practice_id', '=', practiceId)
    .where('id', '=', hashToken(value))
    .where('purpose', '=', purpose)
    .where('expires_at', '>=', nowIso(new Date(now)));
  query = userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The challenge inside a browser's answer (clientDataJSON, base64url JSON), or null if unreadable. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' ? data.challenge : null;
  } catch {
    return null;
  }
}
