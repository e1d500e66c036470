import { parseSettings } from '@confide/api';
import type { LoginRequest, User } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import { verifyAgainstDummy, verifyPassword } from '../../crypto/passwords';
import { matchTotp } from '../../crypto/totp';
import { AppError } from '../../errors';
import { findPracticeBySlug } from '../practices/practices.repo';
import { clearSignInFailures, LOCK_MINUTES, recordSignInFailure, signInFailureState } from './login-failures';
import { listPasskeys } from './passkeys.repo';
import { createSession } from './sessions';
import { consumeTotpStep } from './totp-steps';
import { presentUser } from './user.presenter';
import { emailLookup, findUserByEmail } from './users.repo';
import { binding } from '../../crypto/bindings';

const invalid = () => new AppError('invalid_credentials', 'The email or password is not right.');

/**
 * Signs a person in to one practice: password (argon2id), then the TOTP code when enrolled.
 * Every attempt, good or bad, is audited; repeated failures lock the email for a while —
 * an email without an account too, so the lock tells nothing about who has one (R28).
 */
export async function login(
  ctx: AppContext,
  input: LoginRequest,
  ip: string,
  device: string | null,
): Promise<{ user: User; token: string; csrfToken: string }> {
  const practice = await findPracticeBySlug(ctx.db, input.practice);
  if (!practice) {
    await verifyAgainstDummy(input.password);
    throw invalid();
  }
  const now = ctx.clock.now().getTime();
  const cipher = await ctx.keys.forPractice(ctx.db, practice.id);
  const lookup = emailLookup(cipher, input.email);
  const fail = async (userId: string | null, reason: string) => {
    await ctx.db.transaction().execute(async (tx) => {
      if (reason !== 'locked') await recordSignInFailure(tx, practice.id, lookup, now);
      await recordAudit(tx, {
        practiceId: practice.id,
        actorId: userId,
        action: 'auth.login_failed',
        targets: { reason },
        ip,
      });
    });
  };

  const failures = await signInFailureState(ctx.db, practice.id, lookup, now);
  if (failures.isLocked) {
    // The same work and the same answer whether or not the email has an account.
    await verifyAgainstDummy(input.password);
    await fail(null, 'locked');
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins. This account is locked for ${LOCK_MINUTES} minutes; try again later or reset your password.`,
    );
  }
  const user = await findUserByEmail(ctx.db, cipher, input.email);
  if (!user || !user.password_hash || user.status === 'disabled') {
    await verifyAgainstDummy(input.password);
    await fail(user?.id ?? null, user ? 'no_access' : 'unknown_account');
    throw invalid();
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await fail(user.id, 'password');
    throw invalid();
  }
  if (!user.mfa_enabled && user.kind === 'staff' && parseSettings(practice.settings).requireStaffMfa) {
    // Staff whose only second factor is a passkey: the password alone must not open the mailbox.
    const passkeys = await listPasskeys(ctx.db, practice.id, user.id);
    if (passkeys.length > 0) {
      throw new AppError('mfa_required', 'Your practice requires two-factor sign-in: sign in with “Use a passkey”.', {
        method: 'passkey',
      });
    }
  }
  if (user.mfa_enabled && user.totp_secret_enc) {
    if (!input.totp) {
      throw new AppError('mfa_required', 'Enter the 6-digit code from your authenticator app.');
    }
    const secret = cipher.decrypt(binding('users.totp', user.id), user.totp_secret_enc);
    const step = matchTotp(secret, input.totp, now, user.totp_last_step);
    // A code is good once: the step is taken atomically, so a second use on any node is refused.
    if (step === null || !(await consumeTotpStep(ctx.db, user, step))) {
      await fail(user.id, step === null ? 'totp' : 'totp_replayed');
      throw new AppError(
        'mfa_required',
        'That code is not right or was already used. Enter the next 6-digit code from your app.',
      );
    }
  }
  const session = await ctx.db.transaction().execute(async (tx) => {
    // Most sign-ins follow no failure: nothing to clear, so no write.
    if (failures.hasFailures) await clearSignInFailures(tx, practice.id, lookup);
    const created = await createSession(tx, user, ip, now, device);
    await recordAudit(tx, { practiceId: practice.id, actorId: user.id, action: 'auth.login', ip });
    return created;
  });
  return { user: presentUser(cipher, user), token: session.token, csrfToken: session.csrfToken };
}
