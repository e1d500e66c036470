import type { z } from 'zod';
import type { PasswordResetRequest } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import { findPracticeBySlug } from '../practices/practices.repo';
import { issueOneTimeLink } from './one-time-links';
import { findUserByEmail } from './users.repo';

/** Emails a one-time reset link if the account exists and may sign in; says nothing either way. */
export async function requestPasswordReset(
  ctx: AppContext,
  input: z.infer<typeof PasswordResetRequest>,
  ip: string,
): Promise<void> {
  const practice = await findPracticeBySlug(ctx.db, input.practice);
  if (!practice) return;
  const cipher = await ctx.keys.forPractice(ctx.db, practice.id);
  const user = await findUserByEmail(ctx.db, cipher, input.email);
  if (!user || user.status === 'disabled' || !user.portal) return;
  await transact(ctx, async (tx) => {
    await issueOneTimeLink(tx, cipher, user, 'reset');
    await recordAudit(tx, { practiceId: practice.id, actorId: user.id, action: 'auth.password_reset_requested', ip });
  });
}
