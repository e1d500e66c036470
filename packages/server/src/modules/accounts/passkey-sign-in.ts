import type { PasskeySignInRequest, User } from '@confide/api';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { nowIso } from '../../ids';
import { findPracticeBySlug } from '../practices/practices.repo';
import { clearSignInFailures, LOCK_MINUTES, recordSignInFailure, signInFailureState } from './login-failures';
import { findPasskeyByCredential } from './passkeys.repo';
import { createSession } from './sessions';
import { presentUser } from './user.presenter';
import { findUser } from './users.repo';
import { challengeOf, relyingParty, storeChallenge, takeChallenge } from './webauthn';

/** The one answer to every passkey that does not sign anyone in: nothing says why. */
const refused = () =>
  new AppError('invalid_credentials', 'That passkey did not sign you in. Try again, or use your email and password.');

/**
 * The options for `navigator.credentials.get()` at a practice's sign-in page: a fresh challenge,
 * no list of credentials (the passkey is discoverable, so no email is asked for or revealed), and
 * user verification required (R53). An unknown practice gets options too, so the answer does not
 * say which practices exist; its challenge is simply never stored.
 */
export async function passkeySignInOptions(ctx: AppContext, slug: string) {
  const { rpID } = relyingParty(ctx.config);
  const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
  const practice = await findPracticeBySlug(ctx.db, slug);
  if (practice) {
    await storeChallenge(
      ctx.db,
      { practiceId: practice.id, userId: null, purpose: 'sign_in', value: options.challenge },
      ctx.clock.now().getTime(),
    );
  }
  return { options: options as unknown as Record<string, unknown> };
}

/**
 * Signs a person in with a passkey instead of password and code (R53), under the rules of a
 * password sign-in (R28): the sign-in rate limit (the route's), the same lock per email (a locked
 * account stays locked, and a failed passkey of a known person counts towards it), a disabled
 * account refused, every attempt audited. User verification (the device's PIN or biometric) is
 * required, so a passkey is two factors and meets the practice's two-factor rule for staff.
 */
export async function signInWithPasskey(
  ctx: AppContext,
  input: z.infer<typeof PasskeySignInRequest>,
  ip: string,
  device: string | null,
): Promise<{ user: User; token: string; csrfToken: string }> {
  const practice = await findPracticeBySlug(ctx.db, input.practice);
  if (!practice) throw refused();
  const now = ctx.clock.now().getTime();
  const audit = (actorId: string | null, action: 'auth.login' | 'auth.login_failed', reason?: string) =>
    ctx.db.transaction().execute((tx) =>
      recordAudit(tx, {
        practiceId: practice.id,
        actorId,
        action,
        targets: reason ? { method: 'passkey', reason } : { method: 'passkey' },
        ip,
      }),
    );

  const challenge = challengeOf(input.credential.response.clientDataJSON);
  if (!challenge || !(await takeChallenge(ctx.db, practice.id, 'sign_in', null, challenge, now))) {
    await audit(null, 'auth.login_failed', 'passkey_challenge');
    throw refused();
  }
  const passkey = await findPasskeyByCredential(ctx.db, practice.id, input.credential.id);
  const user = passkey && (await findUser(ctx.db, practice.id, passkey.user_id));
  if (!passkey || !user) {
    await audit(null, 'auth.login_failed', 'unknown_passkey');
    throw refused();
  }
  const failures = await signInFailureState(ctx.db, practice.id, user.email_lookup, now);
  if (failures.isLocked) {
    await audit(user.id, 'auth.login_failed', 'locked');
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins. This account is locked for ${LOCK_MINUTES} minutes; try again later or reset your password.`,
    );
  }
  const { rpID, origin } = relyingParty(ctx.config);
  const verification = await verifyAuthenticationResponse({
    response: input.credential,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
    credential: {
      id: passkey.credential_id,
      publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
      counter: Number(passkey.counter),
    },
  }).catch(() => null);
  if (!verification?.verified || user.status === 'disabled' || !user.password_hash) {
    const reason = verification?.verified ? 'no_access' : 'passkey';
    await ctx.db.transaction().execute(async (tx) => {
      await recordSignInFailure(tx, practice.id, user.email_lookup, now);
      await recordAudit(tx, {
        practiceId: practice.id,
        actorId: user.id,
        action: 'auth.login_failed',
        targets: { method: 'passkey', reason },
        ip,
      });
    });
    throw refused();
  }
  const cipher = await ctx.keys.forPractice(ctx.db, practice.id);
  const session = await ctx.db.transaction().execute(async (tx) => {
    if (failures.hasFailures) await clearSignInFailures(tx, practice.id, user.email_lookup);
    await tx
      .updateTable('passkeys')
      .set({ counter: verification.authenticationInfo.newCounter, last_used_at: nowIso(new Date(now)) })
      .where('practice_id', '=', practice.id)
      .where('id', '=', passkey.id)
      .execute();
    const created = await createSession(tx, user, ip, now, device);
    await recordAudit(tx, {
      practiceId: practice.id,
      actorId: user.id,
      action: 'auth.login',
      targets: { method: 'passkey', passkeyId: passkey.id },
      ip,
    });
    return created;
  });
  return { user: presentUser(cipher, user), token: session.token, csrfToken: session.csrfToken };
}
