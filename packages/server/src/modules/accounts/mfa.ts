import type { MfaSetupResponse } from '@confide/api';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import { verifyPassword } from '../../crypto/passwords';
import { matchTotp, newTotpSecret, totpUri } from '../../crypto/totp';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { nowIso } from '../../ids';
import { staffLosesLastSecondFactor } from '../../policies/second-factor';
import { listPasskeys } from './passkeys.repo';
import { consumeTotpStep } from './totp-steps';
import { findUser } from './users.repo';
import { binding } from '../../crypto/bindings';

/**
 * Begins two-factor enrolment: a new secret is stored (encrypted) but not yet required;
 * it takes effect once a code from it is confirmed.
 */
export async function startMfaSetup(ctx: AppContext, actor: Actor): Promise<z.infer<typeof MfaSetupResponse>> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const user = await findUser(ctx.db, actor.practiceId, actor.userId);
  if (!user) throw notFound('This account');
  if (user.mfa_enabled) throw new AppError('conflict', 'Two-factor sign-in is already on.');
  const secret = newTotpSecret();
  await ctx.db
    .updateTable('users')
    .set({
      totp_secret_enc: cipher.encrypt(binding('users.totp', user.id), secret),
      totp_last_step: null,
      updated_at: nowIso(),
    })
    .where('practice_id', '=', actor.practiceId)
    .where('id', '=', user.id)
    .execute();
  // The label names the practice only: an authenticator app is not a place for PHI.
  return { secret, otpauthUrl: totpUri(secret, actor.practiceSlug, 'Confide') };
}

/**
 * Confirms enrolment with a code from the new secret; from now on sign-in asks for a code. The
 * code is spent: it cannot sign anyone in afterwards (R28).
 */
export async function confirmMfa(ctx: AppContext, actor: Actor, code: string, ip: string): Promise<void> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const user = await findUser(ctx.db, actor.practiceId, actor.userId);
  if (!user?.totp_secret_enc) throw new AppError('validation_failed', 'Start two-factor setup first.');
  if (user.mfa_enabled) throw new AppError('conflict', 'Two-factor sign-in is already on.');
  const secret = cipher.decrypt(binding('users.totp', user.id), user.totp_secret_enc);
  const step = matchTotp(secret, code, ctx.clock.now().getTime(), user.totp_last_step);
  if (step === null) {
    throw new AppError('validation_failed', 'That code is not right. Enter the current 6-digit code from your app.');
  }
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await consumeTotpStep(tx, user, step))) {
      throw new AppError('validation_failed', 'That code was already used. Enter the next 6-digit code from your app.');
    }
    await tx
      .updateTable('users')
      .set({ mfa_enabled: 1, updated_at: nowIso() })
      .where('practice_id', '=', actor.practiceId)
      .where('id', '=', user.id)
      .execute();
    await recordAudit(tx, { practiceId: actor.practiceId, actorId: actor.userId, action: 'auth.mfa_enabled', ip });
  });
}

/**
 * Turns the authenticator app off (with the password), unless the practice requires two-factor of
 * staff and no passkey would be left to meet it (R53).
 */
export async function disableMfa(ctx: AppContext, actor: Actor, password: string, ip: string): Promise<void> {
  const passkeys = await listPasskeys(ctx.db, actor.practiceId, actor.userId);
  if (staffLosesLastSecondFactor(actor, { hasTotp: false, passkeysLeft: passkeys.length })) {
    throw new AppError(
      'forbidden',
      'Your practice requires two-factor sign-in for staff. Add a passkey before turning the authenticator app off.',
    );
  }
  const user = await findUser(ctx.db, actor.practiceId, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, password))) {
    throw new AppError('invalid_credentials', 'The password is not right.');
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ mfa_enabled: 0, totp_secret_enc: null, totp_last_step: null, updated_at: nowIso() })
      .where('practice_id', '=', actor.practiceId)
      .where('id', '=', user.id)
      .execute();
    await recordAudit(tx, { practiceId: actor.practiceId, actorId: actor.userId, action: 'auth.mfa_disabled', ip });
  });
}
