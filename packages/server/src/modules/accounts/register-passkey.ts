import type { Passkey, PasskeyRegisterRequest } from '@confide/api';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { newId, nowIso } from '../../ids';
import { listPasskeys, presentPasskey } from './passkeys.repo';
import { findUser, userEmail } from './users.repo';
import { challengeOf, relyingParty, storeChallenge, takeChallenge } from './webauthn';
import { binding } from '../../crypto/bindings';

/** A person may keep this many passkeys (a phone, a laptop, a key or two, with room to spare). */
export const MAX_PASSKEYS = 10;

/**
 * The options for `navigator.credentials.create()`: a discoverable credential (sign-in needs no
 * email) with user verification required, so the passkey alone is two factors (R53).
 */
export async function passkeyRegistrationOptions(ctx: AppContext, actor: Actor) {
  const user = await findUser(ctx.db, actor.practiceId, actor.userId);
  if (!user) throw notFound('This account');
  const existing = await listPasskeys(ctx.db, actor.practiceId, actor.userId);
  if (existing.length >= MAX_PASSKEYS) {
    throw new AppError('conflict', `You have ${MAX_PASSKEYS} passkeys. Remove one before adding another.`);
  }
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const { rpID, rpName } = relyingParty(ctx.config);
  const email = userEmail(cipher, user);
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    // The person's sign-in email tells their passkeys apart on a device; their name stays off it.
    userName: email,
    userDisplayName: email,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credential_id })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await storeChallenge(
    ctx.db,
    { practiceId: actor.practiceId, userId: actor.userId, purpose: 'register', value: options.challenge },
    ctx.clock.now().getTime(),
  );
  return { options: options as unknown as Record<string, unknown> };
}

const refused = () =>
  new AppError('validation_failed', 'The passkey could not be checked. Start again and follow your device’s steps.');

/** Verifies the browser's answer to the options and keeps the new passkey's public key (R53). */
export async function registerPasskey(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof PasskeyRegisterRequest>,
): Promise<Passkey> {
  const now = ctx.clock.now().getTime();
  const challenge = challengeOf(input.credential.response.clientDataJSON);
  if (!challenge || !(await takeChallenge(ctx.db, actor.practiceId, 'register', actor.userId, challenge, now))) {
    throw refused();
  }
  const { rpID, origin } = relyingParty(ctx.config);
  const verification = await verifyRegistrationResponse({
    response: input.credential,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw refused();
  const { credential } = verification.registrationInfo;
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const id = newId();
  const row = {
    id,
    practice_id: actor.practiceId,
    user_id: actor.userId,
    credential_id: credential.id,
    public_key: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? []),
    name_enc: cipher.encrypt(binding('passkeys.name', id), input.name),
    created_at: nowIso(new Date(now)),
    last_used_at: null,
  };
  await ctx.db.transaction().execute(async (tx) => {
    const taken = await tx
      .selectFrom('passkeys')
      .select('id')
      .where('practice_id', '=', actor.practiceId)
      .where('credential_id', '=', credential.id)
      .executeTakeFirst();
    if (taken) throw new AppError('conflict', 'This passkey is already registered.');
    await tx.insertInto('passkeys').values(row).execute();
    await auditAs(tx, actor, 'auth.passkey_added', { passkeyId: id });
  });
  return presentPasskey(cipher, row);
}
