import type { PolicyActor } from './types';

/**
 * R16: a client's chart notes are for the client's providers (care team, current or past)
 * and the practice's admins.
 */
export function canReadChartNotes(actor: PolicyActor, careTeam: ReadonlySet<string>): boolean {
  if (actor.kind !== 'staff' || actor.status === 'disabled') return false;
  return actor.isAdmin || (actor.role === 'provider' && careTeam.has(actor.userId));
}
