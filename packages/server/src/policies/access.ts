import type { PolicyActor } from './types';

/**
 * R38: a client's access report (who opened their threads, and from where) is for the client's
 * providers (care team, current or past) and the practice's admins. The client reads their own
 * report through `/api/me/access`, without addresses.
 */
export function canReadAccessReport(actor: PolicyActor, careTeam: ReadonlySet<string>): boolean {
  if (actor.kind !== 'staff' || actor.status === 'disabled') return false;
  return actor.isAdmin || (actor.role === 'provider' && careTeam.has(actor.userId));
}
