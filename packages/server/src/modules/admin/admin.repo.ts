import type { CareTeamEntry } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { notFound } from '../../errors';
import { userName } from '../accounts/users.repo';

export type CareTeamMember = CareTeamEntry;

/** A staff member of the practice, or 404 (also for clients and other practices' ids). */
export async function getStaff(db: DbOrTx, practiceId: string, id: string) {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('kind', '=', 'staff')
    .executeTakeFirst();
  if (!row) throw notFound('This staff member');
  return row;
}

/** A client of the practice, or 404 (also for staff and other practices' ids). */
export async function getClient(db: DbOrTx, practiceId: string, id: string) {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('kind', '=', 'client')
    .executeTakeFirst();
  if (!row) throw notFound('This client');
  return row;
}

/** Every person of one kind in the practice. */
export function listUsers(db: DbOrTx, practiceId: string, kind: 'staff' | 'client') {
  return db
    .selectFrom('users')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
}

/**
 * The care teams of many clients in three queries (provider assignments, agent links, then the
 * people's names), keyed by client id: current providers, past providers, then external agents (R37).
 */
export async function loadCareTeams(
  db: DbOrTx,
  cipher: PracticeCipher,
  clientIds: string[],
): Promise<Map<string, CareTeamMember[]>> {
  const links: {
    client_id: string;
    member_id: string;
    role: CareTeamMember['role'];
    status: CareTeamMember['status'];
  }[] = [];
  for (let i = 0; i < clientIds.length; i += 500) {
    const batch = clientIds.slice(i, i + 500);
    const providers = await db
      .selectFrom('care_team')
      .select(['client_id', 'provider_id', 'status'])
      .where('practice_id', '=', cipher.practiceId)
      .where('client_id', 'in', batch)
      .execute();
    const agents = await db
      .selectFrom('care_team_agents')
      .select(['client_id', 'agent_id'])
      .where('practice_id', '=', cipher.practiceId)
      .where('client_id', 'in', batch)
      .execute();
    links.push(
      ...providers.map((r) => ({
        client_id: r.client_id,
        member_id: r.provider_id,
        role: 'provider' as const,
        status: r.status,
      })),
      ...agents.map((r) => ({
        client_id: r.client_id,
        member_id: r.agent_id,
        role: 'external_agent' as const,
        status: 'current' as const,
      })),
    );
  }
  const memberIds = [...new Set(links.map((r) => r.member_id))];
  const names = new Map<string, string>();
  for (let i = 0; i < memberIds.length; i += 500) {
    const people = await db
      .selectFrom('users')
      .select(['id', 'name_enc'])
      .where('practice_id', '=', cipher.practiceId)
      .where('id', 'in', memberIds.slice(i, i + 500))
      .execute();
    for (const p of people) names.set(p.id, userName(cipher, p));
  }
  const teams = new Map<string, CareTeamMember[]>();
  for (const link of links) {
    const team = teams.get(link.client_id) ?? [];
    team.push({ id: link.member_id, name: names.get(link.member_id) ?? '', role: link.role, status: link.status });
    teams.set(link.client_id, team);
  }
  const rank = (m: CareTeamMember) => (m.role === 'external_agent' ? 2 : m.status === 'current' ? 0 : 1);
  for (const team of teams.values()) team.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  return teams;
}
