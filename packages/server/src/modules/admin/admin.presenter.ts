import type { ClientRecord, StaffMember } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
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

/** Sorts people by name, as lists show them. */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });
}
