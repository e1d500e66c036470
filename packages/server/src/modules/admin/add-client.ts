import type { ClientRecord, CreateClientRequest } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import type { Actor } from '../../actor';
import { createUser } from '../accounts/create-user';
import { sendInvitation } from '../accounts/one-time-links';
import { presentClientRecord } from './admin.presenter';
import { getClient } from './admin.repo';

/** R35: adds a client; with `portal` they are invited to the portal by email in the same transaction. */
export async function addClient(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateClientRequest>,
): Promise<ClientRecord> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const portal = input.portal ?? false;
  const row = await transact(ctx, async (tx) => {
    const id = await createUser(tx, cipher, {
      kind: 'client',
      role: 'client',
      status: input.status ?? 'active',
      name: input.name,
      email: input.email,
      passwordHash: null,
      portal,
    });
    if (portal) {
      await sendInvitation(tx, cipher, { id, practice_id: actor.practiceId });
    }
    await auditAs(tx, actor, 'admin.client.added', { clientId: id });
    if (portal) {
      await auditAs(tx, actor, 'admin.client.invited', { clientId: id });
    }
    return getClient(tx, actor.practiceId, id);
  });
  return presentClientRecord(cipher, row, []);
}
