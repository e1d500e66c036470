import type { Passkey } from '@confide/api';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { staffLosesLastSecondFactor } from '../../policies/second-factor';
import { findOwnPasskey, listPasskeys, presentPasskey } from './passkeys.repo';
import { binding } from '../../crypto/bindings';

/** Renames one of the person's own passkeys. */
export async function renamePasskey(ctx: AppContext, actor: Actor, id: string, name: string): Promise<Passkey> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const row = await findOwnPasskey(ctx.db, actor.practiceId, actor.userId, id);
  if (!row) throw notFound('This passkey');
  const nameEnc = cipher.encrypt(binding('passkeys.name', id), name);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('passkeys')
      .set({ name_enc: nameEnc })
      .where('practice_id', '=', actor.practiceId)
      .where('user_id', '=', actor.userId)
      .where('id', '=', id)
      .execute();
    await auditAs(tx, actor, 'auth.passkey_renamed', { passkeyId: id });
  });
  return presentPasskey(cipher, { ...row, name_enc: nameEnc });
}

/**
 * Removes one of the person's own passkeys; it signs nobody in from then on. Refused when it is
 * the last second factor of staff whose practice requires one: they would be locked out of their
 * own mailbox until they enrol again.
 */
export async function removePasskey(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const passkeys = await listPasskeys(ctx.db, actor.practiceId, actor.userId);
  if (!passkeys.some((p) => p.id === id)) throw notFound('This passkey');
  if (staffLosesLastSecondFactor(actor, { hasTotp: actor.mfaEnabled, passkeysLeft: passkeys.length - 1 })) {
    throw new AppError(
      'forbidden',
      'Your practice requires two-factor sign-in for staff. Add another passkey or turn on the authenticator app first.',
    );
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('passkeys')
      .where('practice_id', '=', actor.practiceId)
      .where('user_id', '=', actor.userId)
      .where('id', '=', id)
      .execute();
    await auditAs(tx, actor, 'auth.passkey_removed', { passkeyId: id });
  });
}
