import type { ClientRecord, CreateClientRequest } from '@confide/api';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../http/actor';
import { nowIso } from '../../ids';
import { createUser } from '../accounts/create-user';
import { issueOneTimeLink } from '../accounts/one-time-links';
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
  const row = await ctx.db.transaction().execute(async (tx) => {
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
      await tx.updateTable('users').set({ invited_at: nowIso() }).where('id', '=', id).execute();
      await issueOneTimeLink(tx, cipher, { id, practice_id: actor.practiceId }, 'invite');
    }
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorId: actor.userId,
      action: 'admin.client.added',
      targets: { clientId: id },
      ip: actor.ip,
    });
    if (portal) {
      await recordAudit(tx, {
        practiceId: actor.practiceId,
        actorId: actor.userId,
        action: 'admin.client.invited',
        targets: { clientId: id },
        ip: actor.ip,
      });
    }
    return getClient(tx, actor.practiceId, id);
  });
  if (portal) ctx.mail.wake();
  return presentClientRecord(cipher, row, []);
}
