import { teamOfRole, teamRoles, type Team } from '@confide/api';
import type { Party, PolicyActor } from './types';

/**
 * R46: does the actor act for this team — open its view, assign, take or release its threads?
 * Active staff of the team, or an admin. They still see only threads they take part in (R30).
 */
export function actsForTeam(actor: PolicyActor, team: Team): boolean {
  if (actor.kind !== 'staff' || actor.status !== 'active') return false;
  return actor.isAdmin || teamOfRole(actor.role) === team;
}

/** R46: may this participant be given a thread of this team? An active member of the team. */
export function canBeAssigned(party: Party, team: Team): boolean {
  return party.kind === 'staff' && party.status === 'active' && party.role === teamRoles[team];
}

/** R46: the members a client's message to a team reaches: its active staff at send time (like R1's groups). */
export function expandTeam(team: Team, people: Party[]): Party[] {
  return people.filter((p) => canBeAssigned(p, team));
}

/** What an assignment is: taking it for oneself, releasing it, or giving it to a colleague. */
export function assignmentKind(actorId: string, assigneeId: string | null): 'take' | 'release' | 'assign' {
  if (assigneeId === null) return 'release';
  return assigneeId === actorId ? 'take' : 'assign';
}
