import type { CareTeamRequest } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import type { Actor } from '../../actor';
import { AppError } from '../../errors';
import { nowIso } from '../../ids';
import { type CareTeamMember, getClient, loadCareTeams } from './admin.repo';

/** Refuses unless every id is a staff member of `role` in the practice, each listed once. */
async function checkMembers(
  tx: Tx,
  practiceId: string,
  ids: string[],
  role: 'provider' | 'external_agent',
  words: { twice: string; wrong: string },
): Promise<void> {
  if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', words.twice);
  if (ids.length === 0) return;
  const found = await tx
    .selectFrom('users')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('kind', '=', 'staff')
    .where('role', '=', role)
    .where('id', 'in', ids)
    .execute();
  if (found.length !== ids.length) throw new AppError('validation_failed', words.wrong);
}

/**
 * R35, R37: replaces a client's care team — its providers and, when given, its external agents.
 * Every id must be a provider (or an external agent) of the same practice; otherwise nothing
 * changes. Removing an agent ends their reach to this client for new messages; threads they
 * already take part in stay theirs.
 */
export async function setCareTeam(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  input: z.infer<typeof CareTeamRequest>,
): Promise<CareTeamMember[]> {
  const providerIds = input.providers.map((p) => p.id);
  const agentIds = input.externalAgents?.map((a) => a.id);
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  await ctx.db.transaction().execute(async (tx) => {
    await getClient(tx, actor.practiceId, clientId);
    await checkMembers(tx, actor.practiceId, providerIds, 'provider', {
      twice: 'A provider is listed twice in the care team.',
      wrong: 'A care team holds only providers of this practice.',
    });
    if (agentIds) {
      await checkMembers(tx, actor.practiceId, agentIds, 'external_agent', {
        twice: 'An external agent is listed twice in the care team.',
        wrong: 'Only external agents of this practice can be added as external agents.',
      });
    }
    const now = nowIso();
    await tx
      .deleteFrom('care_team')
      .where('practice_id', '=', actor.practiceId)
      .where('client_id', '=', clientId)
      .execute();
    if (input.providers.length > 0) {
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
    if (agentIds) await replaceAgents(tx, actor.practiceId, clientId, agentIds, now);
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
      ...(agentIds ? { externalAgents: agentIds.join(',') } : {}),
    });
  });
  return (await loadCareTeams(ctx.db, cipher, [clientId])).get(clientId) ?? [];
}

/** R37: the client's external agents become exactly `agentIds`; those kept keep when they were added. */
async function replaceAgents(tx: Tx, practiceId: string, clientId: string, agentIds: string[], now: string) {
  let removed = tx
    .deleteFrom('care_team_agents')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId);
  if (agentIds.length > 0) removed = removed.where('agent_id', 'not in', agentIds);
  await removed.execute();
  if (agentIds.length === 0) return;
  const kept = await tx
    .selectFrom('care_team_agents')
    .select('agent_id')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .execute();
  const known = new Set(kept.map((r) => r.agent_id));
  const added = agentIds.filter((id) => !known.has(id));
  if (added.length === 0) return;
  await tx
    .insertInto('care_team_agents')
    .values(added.map((id) => ({ practice_id: practiceId, client_id: clientId, agent_id: id, added_at: now })))
    .execute();
}
