import { teamNames, type Group, type Recipient, type RecipientsResponse, type Team } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { AppError } from '../../errors';
import { allowedRecipients, expandGroup, type Directory } from '../../policies/recipients';
import { expandTeam } from '../../policies/teams';
import type { PolicyActor } from '../../policies/types';
import { loadAgentClients, loadCareTeam, loadMembers, personOf, type Member } from './threads.repo';
import { groupNames } from '@confide/api';
import { loadAwayStatus } from '../out-of-office/out-of-office.repo';

/**
 * The practice's people and the care-team links that apply to the actor (a client's providers,
 * an external agent's clients, R37): what recipient policies judge by.
 */
export async function loadDirectory(
  db: DbOrTx,
  practiceId: string,
  actor: PolicyActor,
): Promise<{ members: Member[]; directory: Directory }> {
  const none = new Set<string>();
  const [members, careTeam, agentClients] = await Promise.all([
    loadMembers(db, practiceId),
    actor.kind === 'client' ? loadCareTeam(db, practiceId, actor.userId) : none,
    actor.role === 'external_agent' ? loadAgentClients(db, practiceId, actor.userId) : none,
  ]);
  return { members, directory: { people: members, careTeam, agentClients } };
}

/**
 * R1–R3: whom the actor may address, filtered by `q` on the decrypted names; staff who are out
 * of office at `now` say until when and who covers (R40), so it shows before anyone writes.
 */
export async function listRecipients(
  db: DbOrTx,
  cipher: PracticeCipher,
  practiceId: string,
  actor: PolicyActor,
  q: string | undefined,
  now: string,
): Promise<RecipientsResponse> {
  const { members, directory } = await loadDirectory(db, practiceId, actor);
  const byId = new Map(members.map((m) => [m.id, m]));
  const allowed = allowedRecipients(actor, directory);
  const needle = (q ?? '').trim().toLowerCase();
  const away = await loadAwayStatus(
    db,
    cipher,
    practiceId,
    now,
    allowed.people.filter((r) => r.party.kind === 'staff').map((r) => r.party.id),
  );
  const recipients = allowed.people
    .map((r) => ({
      ...personOf(cipher, byId.get(r.party.id) as Member),
      available: r.available,
      ...(r.unavailableReason ? { unavailableReason: r.unavailableReason } : {}),
      // Staff see which clients are inactive (R3); only staff are ever offered clients.
      ...(r.party.kind === 'client' && r.party.status === 'inactive' ? { status: 'inactive' as const } : {}),
      ...(away.has(r.party.id) ? { away: away.get(r.party.id) } : {}),
    }))
    .filter((r) => !needle || r.name.toLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name));
  const groups = allowed.groups
    .map((id: Group) => ({ id, name: groupNames[id] }))
    .filter((g) => !needle || g.name.toLowerCase().includes(needle));
  const teams = allowed.teams
    .map((id) => ({ id, name: teamNames[id] }))
    .filter((t) => !needle || t.name.toLowerCase().includes(needle));
  return { recipients, groups, teams };
}

/**
 * R1–R3, R37: refuses a `to` list naming anyone or any group the actor may not address, as a
 * send would (drafts keep only recipients their author could send to). Availability (R3) is
 * judged at send time.
 */
export function checkAddressable(actor: PolicyActor, to: Recipient[], directory: Directory): void {
  const allowed = allowedRecipients(actor, directory);
  const people = new Set(allowed.people.map((r) => r.party.id));
  for (const entry of to) {
    if (
      'group' in entry
        ? !allowed.groups.includes(entry.group)
        : 'team' in entry
          ? !allowed.teams.includes(entry.team)
          : entry.userId !== actor.userId && !people.has(entry.userId)
    ) {
      throw new AppError('recipient_not_allowed', 'You cannot send a message to one of these recipients.');
    }
  }
}

/**
 * Turns the `to` list into the people who will take part: groups (R1) and a team (R46) expanded
 * to their active members now, duplicates and the sender collapsed, every person checked against
 * R1–R3. A message goes to at most one team, which the thread keeps.
 */
export function resolveRecipients(
  actor: PolicyActor,
  to: Recipient[],
  members: Member[],
  directory: Directory,
): { people: Member[]; team: Team | null } {
  const allowed = allowedRecipients(actor, directory);
  const allowedById = new Map(allowed.people.map((r) => [r.party.id, r]));
  const byId = new Map(members.map((m) => [m.id, m]));
  const chosen = new Map<string, Member>();
  const teams = new Set(to.flatMap((entry) => ('team' in entry ? [entry.team] : [])));
  if (teams.size > 1) throw new AppError('validation_failed', 'Write to one team at a time.');
  for (const entry of to) {
    if ('team' in entry) {
      if (!allowed.teams.includes(entry.team)) {
        throw new AppError('recipient_not_allowed', 'You cannot send to this team.');
      }
      const team = expandTeam(entry.team, directory.people);
      if (team.length === 0) {
        throw new AppError('recipient_not_allowed', `Nobody in ${teamNames[entry.team]} can receive messages now.`);
      }
      for (const party of team) chosen.set(party.id, byId.get(party.id) as Member);
      continue;
    }
    if ('group' in entry) {
      if (!allowed.groups.includes(entry.group)) {
        throw new AppError('recipient_not_allowed', 'You cannot send to this group.');
      }
      for (const party of expandGroup(entry.group, directory)) {
        if (party.id !== actor.userId) chosen.set(party.id, byId.get(party.id) as Member);
      }
      continue;
    }
    if (entry.userId === actor.userId) continue;
    const rule = allowedById.get(entry.userId);
    if (!rule) throw new AppError('recipient_not_allowed', 'You cannot send a message to one of these recipients.');
    if (!rule.available)
      throw new AppError('client_inactive', rule.unavailableReason ?? 'This recipient is unavailable.');
    chosen.set(entry.userId, byId.get(entry.userId) as Member);
  }
  if (chosen.size === 0) throw new AppError('validation_failed', 'Add at least one recipient.');
  return { people: [...chosen.values()], team: [...teams][0] ?? null };
}
