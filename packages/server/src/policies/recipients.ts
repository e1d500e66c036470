import { REPLY_BLOCKED_INACTIVE_CLIENT, Team, type Group } from '@confide/api';
import type { Party, PolicyActor } from './types';

/** Everyone in the practice, plus the care-team links that widen or narrow whom the actor may address. */
export interface Directory {
  people: Party[];
  /** Providers of the acting client's care team, current or past (empty for staff). */
  careTeam: ReadonlySet<string>;
  /** Clients whose care team includes the acting external agent (R37; empty for everyone else). */
  agentClients: ReadonlySet<string>;
}

/** One person the actor may address; `available: false` is listed but refused at send (R3). */
export interface AllowedRecipient {
  party: Party;
  available: boolean;
  unavailableReason?: string;
}

export interface AllowedRecipients {
  people: AllowedRecipient[];
  groups: Group[];
  /** R46: teams addressed as a whole (clients only; R3 never blocks them). */
  teams: Team[];
}

const STAFF_GROUPS: Group[] = ['front_office', 'providers', 'external_agents'];

/** The staff role each group expands to (R1). */
export const groupRole: Record<Group, 'front_office' | 'provider' | 'external_agent'> = {
  front_office: 'front_office',
  providers: 'provider',
  external_agents: 'external_agent',
};

/** R37: may this staff member address this client? An external agent only those whose care team includes them. */
function staffMayAddressClient(actor: PolicyActor, client: Party, directory: Directory): boolean {
  return actor.role !== 'external_agent' || directory.agentClients.has(client.id);
}

/**
 * R1–R3, R37: whom the actor may address. Staff: every active staff member, the three groups
 * and clients one by one (never "all clients") — an external agent only the clients whose care
 * team includes them. Clients: their care team's providers (current or past), front office and
 * billers, and the Front office and Billing teams (R46) — an inactive client sees the providers as
 * unavailable.
 */
export function allowedRecipients(actor: PolicyActor, directory: Directory): AllowedRecipients {
  if (actor.status === 'disabled') return { people: [], groups: [], teams: [] };
  const others = directory.people.filter((p) => p.id !== actor.userId && p.status !== 'disabled');
  if (actor.kind === 'staff') {
    const people = others
      .filter((party) => party.kind === 'staff' || staffMayAddressClient(actor, party, directory))
      .map((party) => ({ party, available: true }));
    return { people, groups: STAFF_GROUPS, teams: [] };
  }
  const people: AllowedRecipient[] = [];
  for (const party of others) {
    if (party.kind !== 'staff') continue;
    if (party.role === 'front_office' || party.role === 'biller') {
      people.push({ party, available: true });
    } else if (party.role === 'provider' && directory.careTeam.has(party.id)) {
      people.push(
        actor.status === 'active'
          ? { party, available: true }
          : { party, available: false, unavailableReason: REPLY_BLOCKED_INACTIVE_CLIENT },
      );
    }
  }
  return { people, groups: [], teams: Team.options };
}

/** The active members a group stands for at send time (R1). */
export function expandGroup(group: Group, directory: Directory): Party[] {
  return directory.people.filter((p) => p.kind === 'staff' && p.status === 'active' && p.role === groupRole[group]);
}
