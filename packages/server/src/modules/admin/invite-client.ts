import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import type { Actor } from '../../actor';
import { AppError } from '../../errors';
import { sendInvitation } from '../accounts/one-time-links';
import { getClient } from './admin.repo';

/**
 * R35: invites a client to the portal (or sends the invitation again, which voids the old
 * link). A client who already set a password uses password reset instead.
 */
export async function inviteClient(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  await transact(ctx, async (tx) => {
    const client = await getClient(tx, actor.practiceId, id);
    if (client.password_hash) {
      throw new AppError(
        'conflict',
        'This client already has a portal account. They can reset their password from the sign-in page.',
      );
    }
    await sendInvitation(tx, cipher, client);
    await auditAs(tx, actor, 'admin.client.invited', { clientId: id });
  });
}
