import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { notFound } from '../../http/errors';
import { userName } from '../accounts/users.repo';

export interface CareTeamMember {
  id: string;
  name: string;
  status: 'current' | 'past';
}

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
 * The care teams of many clients in two queries (assignments, then the providers' names),
 * keyed by client id; current providers first.
 */
export async function loadCareTeams(
  db: DbOrTx,
  cipher: PracticeCipher,
  clientIds: string[],
): Promise<Map<string, CareTeamMember[]>> {
  const teams = new Map<string, CareTeamMember[]>();
  const rows: { client_id: string; provider_id: string; status: 'current' | 'past' }[] = [];
  for (let i = 0; i < clientIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('care_team')
        .select(['client_id', 'provider_id', 'status'])
        .where('practice_id', '=', cipher.practiceId)
        .where('client_id', 'in', clientIds.slice(i, i + 500))
        .execute()),
    );
  }
  const providerIds = [...new Set(rows.map((r) => r.provider_id))];
  const names = new Map<string, string>();
  for (let i = 0; i < providerIds.length; i += 500) {
    const providers = await db
      .selectFrom('users')
      .select(['id', 'name_enc'])
      .where('practice_id', '=', cipher.practiceId)
      .where('id', 'in', providerIds.slice(i, i + 500))
      .execute();
    for (const p of providers) names.set(p.id, userName(cipher, p));
  }
  for (const row of rows) {
    const team = teams.get(row.client_id) ?? [];
    team.push({ id: row.provider_id, name: names.get(row.provider_id) ?? '', status: row.status });
    teams.set(row.client_id, team);
  }
  for (const team of teams.values()) {
    team.sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'current' ? -1 : 1));
  }
  return teams;
}
