import type { Group, Recipient, RecipientsResponse } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { AppError } from '../../http/errors';
import { allowedRecipients, expandGroup, type Directory } from '../../policies/recipients';
import type { PolicyActor } from '../../policies/types';
import { loadCareTeam, loadMembers, personOf, type Member } from './threads.repo';
import { groupNames } from '@confide/api';

/** The practice's people and, for a client, their care team: what recipient policies judge by. */
export async function loadDirectory(
  db: DbOrTx,
  practiceId: string,
  actor: PolicyActor,
): Promise<{ members: Member[]; directory: Directory }> {
  const members = await loadMembers(db, practiceId);
  const careTeam = actor.kind === 'client' ? await loadCareTeam(db, practiceId, actor.userId) : new Set<string>();
  return { members, directory: { people: members, careTeam } };
}

/** R1–R3: whom the actor may address, filtered by `q` on the decrypted names. */
export async function listRecipients(
  db: DbOrTx,
  cipher: PracticeCipher,
  practiceId: string,
  actor: PolicyActor,
  q: string | undefined,
): Promise<RecipientsResponse> {
  const { members, directory } = await loadDirectory(db, practiceId, actor);
  const byId = new Map(members.map((m) => [m.id, m]));
  const allowed = allowedRecipients(actor, directory);
  const needle = (q ?? '').trim().toLowerCase();
  const recipients = allowed.people
    .map((r) => ({
      ...personOf(cipher, byId.get(r.party.id) as Member),
      available: r.available,
      ...(r.unavailableReason ? { unavailableReason: r.unavailableReason } : {}),
    }))
    .filter((r) => !needle || r.name.toLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name));
  const groups = allowed.groups
    .map((id: Group) => ({ id, name: groupNames[id] }))
    .filter((g) => !needle || g.name.toLowerCase().includes(needle));
  return { recipients, groups };
}

/**
 * Turns the `to` list into the people who will take part: groups expanded to their active
 * members now (R1), duplicates and the sender collapsed, every person checked against R1–R3.
 */
export function resolveRecipients(
  actor: PolicyActor,
  to: Recipient[],
  members: Member[],
  directory: Directory,
): Member[] {
  const allowed = allowedRecipients(actor, directory);
  const allowedById = new Map(allowed.people.map((r) => [r.party.id, r]));
  const byId = new Map(members.map((m) => [m.id, m]));
  const chosen = new Map<string, Member>();
  for (const entry of to) {
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
  return [...chosen.values()];
}
