import type { User } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import { userEmail, userName, type UserRow } from './users.repo';

/** The signed-in user as `/api/me` and sign-in show them. */
export function presentUser(cipher: PracticeCipher, row: UserRow): User {
  return {
    id: row.id,
    name: userName(cipher, row),
    email: userEmail(cipher, row),
    kind: row.kind,
    role: row.role,
    admin: Boolean(row.admin),
    status: row.status,
    mfaEnabled: Boolean(row.mfa_enabled),
  };
}
