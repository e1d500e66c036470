import type { LoginRequest, User } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import { verifyAgainstDummy, verifyPassword } from '../../crypto/passwords';
import { checkTotp } from '../../crypto/totp';
import { AppError } from '../../http/errors';
import { nowIso } from '../../ids';
import { findPracticeBySlug } from '../practices/practices.repo';
import { createSession } from './sessions';
import { presentUser } from './user.presenter';
import { findUserByEmail, userAad } from './users.repo';

/** R28: after this many failures in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const invalid = () => new AppError('invalid_credentials', 'The email or password is not right.');

/**
 * Signs a person in to one practice: password (argon2id), then the TOTP code when enrolled.
 * Every attempt, good or bad, is audited; repeated failures lock the account for a while.
 */
export async function login(
  ctx: AppContext,
  input: LoginRequest,
  ip: string,
): Promise<{ user: User; token: string; csrfToken: string }> {
  const practice = await findPracticeBySlug(ctx.db, input.practice);
  if (!practice) {
    await verifyAgainstDummy(input.password);
    throw invalid();
  }
  const cipher = await ctx.keys.forPractice(ctx.db, practice.id);
  const user = await findUserByEmail(ctx.db, cipher, input.email);
  const fail = async (userId: string | null, reason: string) => {
    await ctx.db.transaction().execute(async (tx) => {
      if (userId) {
        const failures = (user?.failed_logins ?? 0) + 1;
        const locked = failures >= MAX_FAILED_LOGINS;
        await tx
          .updateTable('users')
          .set({
            failed_logins: locked ? 0 : failures,
            locked_until: locked ? nowIso(new Date(Date.now() + LOCK_MINUTES * 60_000)) : null,
          })
          .where('id', '=', userId)
          .where('practice_id', '=', practice.id)
          .execute();
      }
      await recordAudit(tx, {
        practiceId: practice.id,
        actorId: userId,
        action: 'auth.login_failed',
        targets: { reason },
        ip,
      });
    });
  };

  if (!user || !user.password_hash || user.status === 'disabled') {
    await verifyAgainstDummy(input.password);
    await fail(user?.id ?? null, user ? 'no_access' : 'unknown_account');
    throw invalid();
  }
  if (user.locked_until && Date.parse(user.locked_until) > Date.now()) {
    await fail(null, 'locked');
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins. This account is locked for ${LOCK_MINUTES} minutes; try again later or reset your password.`,
    );
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await fail(user.id, 'password');
    throw invalid();
  }
  if (user.mfa_enabled && user.totp_secret_enc) {
    if (!input.totp) {
      throw new AppError('mfa_required', 'Enter the 6-digit code from your authenticator app.');
    }
    const secret = cipher.decrypt(userAad.totp(user.id), user.totp_secret_enc);
    if (!(await checkTotp(secret, input.totp))) {
      await fail(user.id, 'totp');
      throw new AppError('mfa_required', 'That code is not right. Enter the current 6-digit code from your app.');
    }
  }
  const session = await ctx.db.transaction().execute(async (tx) => {
    // Most sign-ins follow no failure: nothing to clear, so no write.
    if (user.failed_logins !== 0 || user.locked_until !== null) {
      await tx
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', user.id)
        .where('practice_id', '=', practice.id)
        .execute();
    }
    const created = await createSession(tx, user, ip);
    await recordAudit(tx, { practiceId: practice.id, actorId: user.id, action: 'auth.login', ip });
    return created;
  });
  return { user: presentUser(cipher, user), token: session.token, csrfToken: session.csrfToken };
}
