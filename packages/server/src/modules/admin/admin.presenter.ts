import type { ClientRecord, StaffMember } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { AuditEventsTable } from '../../db/schema';
import { userEmail, userName, type UserRow } from '../accounts/users.repo';
import type { CareTeamMember } from './admin.repo';

/** A staff member as the admin pages show them. */
export function presentStaffMember(cipher: PracticeCipher, row: UserRow): StaffMember {
  return {
    id: row.id,
    name: userName(cipher, row),
    email: userEmail(cipher, row),
    role: row.role as StaffMember['role'],
    admin: Boolean(row.admin),
    disabled: row.status === 'disabled',
    mfaEnabled: Boolean(row.mfa_enabled),
    invited: row.invited_at !== null && row.password_hash === null,
  };
}

/** A client as the admin pages show them, with their care team. */
export function presentClientRecord(cipher: PracticeCipher, row: UserRow, careTeam: CareTeamMember[]): ClientRecord {
  return {
    id: row.id,
    name: userName(cipher, row),
    email: userEmail(cipher, row),
    status: row.status === 'inactive' ? 'inactive' : 'active',
    portal: Boolean(row.portal),
    invited: row.invited_at !== null && row.password_hash === null,
    careTeam,
  };
}

/** One audit event: ids, action and address only — the log holds no content. */
export function presentAuditEvent(row: AuditEventsTable) {
  return {
    id: row.id,
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    targets: JSON.parse(row.targets) as Record<string, string>,
    ip: row.ip,
  };
}

/** Sorts people by name, as lists show them. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
}
