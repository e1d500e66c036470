import type { ClientRecord, PatchClientRequest } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError } from '../../errors';
import { nowIso } from '../../ids';
import { emailLookup } from '../accounts/users.repo';
import { presentClientRecord } from './admin.presenter';
import { getClient, loadCareTeams } from './admin.repo';
import { binding } from '../../crypto/bindings';

/**
 * R35: sets a client active or inactive (R3 follows from the status at once) or corrects their
 * name or email; an email another person of the practice uses is a conflict.
 */
export async function updateClient(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: z.infer<typeof PatchClientRequest>,
): Promise<ClientRecord> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const row = await ctx.db.transaction().execute(async (tx) => {
    await getClient(tx, actor.practiceId, id);
    const changes: Record<string, unknown> = {};
    if (patch.status !== undefined) changes.status = patch.status;
    if (patch.name !== undefined) changes.name_enc = cipher.encrypt(binding('users.name', id), patch.name);
    if (patch.email !== undefined) {
      const lookup = emailLookup(cipher, patch.email);
      const taken = await tx
        .selectFrom('users')
        .select('id')
        .where('practice_id', '=', actor.practiceId)
        .where('email_lookup', '=', lookup)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (taken) throw new AppError('conflict', 'Someone in this practice already uses that email address.');
      changes.email_enc = cipher.encrypt(binding('users.email', id), patch.email);
      changes.email_lookup = lookup;
    }
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('users')
        .set({ ...changes, updated_at: nowIso() })
        .where('id', '=', id)
        .where('practice_id', '=', actor.practiceId)
        .execute();
    }
    await auditAs(tx, actor, 'admin.client.updated', { clientId: id, fields: Object.keys(patch).sort().join(',') });
    return getClient(tx, actor.practiceId, id);
  });
  const teams = await loadCareTeams(ctx.db, cipher, [id]);
  return presentClientRecord(cipher, row, teams.get(id) ?? []);
}
