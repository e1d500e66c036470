import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import { hashPassword, passwordProblem, verifyPassword } from '../../crypto/passwords';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { nowIso } from '../../ids';
import { findUser, userEmail, userName } from './users.repo';

/**
 * R52: a new password, given the current one. The new one meets R28's rules; every other session
 * of the person ends (whoever knew the old password is signed out), this one stays.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUser(ctx.db, actor.practiceId, actor.userId);
  if (!user) throw notFound('This account');
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('invalid_credentials', 'Your current password is not right.');
  }
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const problem = await passwordProblem(input.newPassword, {
    email: userEmail(cipher, user),
    name: userName(cipher, user),
    practiceName: actor.practiceName,
  });
  if (problem) throw new AppError('weak_password', problem);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowIso() })
      .where('practice_id', '=', actor.practiceId)
      .where('id', '=', actor.userId)
      .execute();
    await tx
      .deleteFrom('sessions')
      .where('practice_id', '=', actor.practiceId)
      .where('user_id', '=', actor.userId)
      .where('id', '!=', actor.sessionId)
      .execute();
    await auditAs(tx, actor, 'auth.password_changed');
  });
  ctx.bus.sessionsChanged();
}
