import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { PracticeCipher } from '../../crypto/keyring';
import { hashPassword, passwordProblem } from '../../crypto/passwords';
import { hashToken, randomToken } from '../../crypto/tokens';
import type { Tx } from '../../db';
import { unscoped } from '../../db/unscoped';
import { AppError } from '../../errors';
import { nowIso } from '../../ids';
import { enqueueEmails } from '../../outbox/enqueue';
import { clearSignInFailures } from './login-failures';
import { destroyUserSessions } from './sessions';
import { userEmail, userName } from './users.repo';
import { binding } from '../../crypto/bindings';

const LIFETIME_MS = { reset: 60 * 60 * 1000, invite: 7 * 24 * 60 * 60 * 1000 } as const;

/**
 * Creates a one-time link (invitation or password reset) and queues its email in the same
 * transaction. Only the token's hash is stored; the token itself travels encrypted in the outbox.
 */
export async function issueOneTimeLink(
  tx: Tx,
  cipher: PracticeCipher,
  user: { id: string; practice_id: string },
  purpose: 'reset' | 'invite',
): Promise<void> {
  const token = randomToken();
  const now = Date.now();
  // An older unused link of the same kind stops working when a new one is sent.
  await tx
    .deleteFrom('tokens')
    .where('user_id', '=', user.id)
    .where('practice_id', '=', user.practice_id)
    .where('purpose', '=', purpose)
    .execute();
  await tx
    .insertInto('tokens')
    .values({
      id: hashToken(token),
      practice_id: user.practice_id,
      user_id: user.id,
      purpose,
      expires_at: nowIso(new Date(now + LIFETIME_MS[purpose])),
      used_at: null,
      created_at: nowIso(new Date(now)),
    })
    .execute();
  await enqueueEmails(tx, [
    {
      practiceId: user.practice_id,
      recipientId: user.id,
      template: purpose,
      payloadEnc: cipher.encrypt(binding('outbox.link', user.id), token),
    },
  ]);
}

/** Invites a person to the portal: marks them invited and emails a one-time link to set a password. */
export async function sendInvitation(
  tx: Tx,
  cipher: PracticeCipher,
  user: { id: string; practice_id: string },
): Promise<void> {
  const now = nowIso();
  await tx
    .updateTable('users')
    .set({ portal: 1, invited_at: now, updated_at: now })
    .where('id', '=', user.id)
    .where('practice_id', '=', user.practice_id)
    .execute();
  await issueOneTimeLink(tx, cipher, user, 'invite');
}

/**
 * Uses a one-time link: sets the password (checked against R28's rules), activates the portal
 * account for an invitation, ends every other session. A used or expired link is refused.
 */
export async function redeemOneTimeLink(
  ctx: AppContext,
  purpose: 'reset' | 'invite',
  token: string,
  password: string,
  ip: string,
): Promise<{ practiceSlug: string }> {
  const row = await unscoped(ctx.db, 'token.lookup')
    .selectFrom('tokens as t')
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 't.user_id').onRef('u.practice_id', '=', 't.practice_id'),
    )
    .innerJoin('practices as p', 'p.id', 't.practice_id')
    .select([
      't.id',
      't.expires_at',
      't.used_at',
      'u.id as userId',
      'u.name_enc',
      'u.email_enc',
      'u.email_lookup',
      'p.id as practiceId',
      'p.slug',
      'p.name as practiceName',
    ])
    .where('t.id', '=', hashToken(token))
    .where('t.purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at || Date.parse(row.expires_at) < Date.now()) {
    throw new AppError('invalid_token', 'This link has expired or was already used. Ask for a new one.');
  }
  const cipher = await ctx.keys.forPractice(ctx.db, row.practiceId);
  const user = { id: row.userId, name_enc: row.name_enc, email_enc: row.email_enc };
  const problem = await passwordProblem(password, {
    email: userEmail(cipher, user),
    name: userName(cipher, user),
    practiceName: row.practiceName,
  });
  if (problem) throw new AppError('weak_password', problem);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    const used = await tx
      .updateTable('tokens')
      .set({ used_at: nowIso() })
      .where('id', '=', row.id)
      .where('practice_id', '=', row.practiceId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('invalid_token', 'This link was already used.');
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, portal: 1, updated_at: nowIso() })
      .where('practice_id', '=', row.practiceId)
      .where('id', '=', row.userId)
      .execute();
    // A new password ends a lock: the person proved they hold the email.
    await clearSignInFailures(tx, row.practiceId, row.email_lookup);
    await destroyUserSessions(tx, row.practiceId, row.userId);
    await recordAudit(tx, {
      practiceId: row.practiceId,
      actorId: row.userId,
      action: purpose === 'invite' ? 'auth.invitation_accepted' : 'auth.password_reset',
      targets: { userId: row.userId },
      ip,
    });
  });
  ctx.bus.sessionsChanged();
  return { practiceSlug: row.slug };
}
