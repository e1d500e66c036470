import type { PolicyActor } from './types';

/**
 * R35: practice settings, staff, clients and care teams are managed by the practice's
 * administrators (staff members flagged admin; a disabled account administers nothing).
 */
export function canAdministerPractice(actor: PolicyActor): boolean {
  return actor.kind === 'staff' && actor.status !== 'disabled' && actor.isAdmin;
}
