import type { CareTeamRequest } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { nowIso } from '../../ids';
import { type CareTeamMember, getClient, loadCareTeams } from './admin.repo';

/**
 * R35: replaces a client's care team. Every id must be a provider of the same practice;
 * otherwise nothing changes.
 */
export async function setCareTeam(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  input: z.infer<typeof CareTeamRequest>,
): Promise<CareTeamMember[]> {
  const ids = input.providers.map((p) => p.id);
  if (new Set(ids).size !== ids.length) {
    throw new AppError('validation_failed', 'A provider is listed twice in the care team.');
  }
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  await ctx.db.transaction().execute(async (tx) => {
    await getClient(tx, actor.practiceId, clientId);
    const providers =
      ids.length === 0
        ? []
        : await tx
            .selectFrom('users')
            .select('id')
            .where('practice_id', '=', actor.practiceId)
            .where('kind', '=', 'staff')
            .where('role', '=', 'provider')
            .where('id', 'in', ids)
            .execute();
    if (providers.length !== ids.length) {
      throw new AppError('validation_failed', 'A care team holds only providers of this practice.');
    }
    await tx
      .deleteFrom('care_team')
      .where('practice_id', '=', actor.practiceId)
      .where('client_id', '=', clientId)
      .execute();
    if (input.providers.length > 0) {
      const now = nowIso();
      await tx
        .insertInto('care_team')
        .values(
          input.providers.map((p) => ({
            practice_id: actor.practiceId,
            client_id: clientId,
            provider_id: p.id,
            status: p.status,
            updated_at: now,
          })),
        )
        .execute();
    }
    await auditAs(tx, actor, 'admin.care_team.updated', {
      clientId,
      current: input.providers
        .filter((p) => p.status === 'current')
        .map((p) => p.id)
        .join(','),
      past: input.providers
        .filter((p) => p.status === 'past')
        .map((p) => p.id)
        .join(','),
    });
  });
  return (await loadCareTeams(ctx.db, cipher, [clientId])).get(clientId) ?? [];
}
