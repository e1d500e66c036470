import type { Passkey } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import type { PasskeysTable } from '../../db/schema';
import { binding } from '../../crypto/bindings';

/** A person's passkeys, oldest first. */
export function listPasskeys(db: DbOrTx, practiceId: string, userId: string) {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One of a person's passkeys by id, or undefined (also when it is someone else's). */
export function findOwnPasskey(db: DbOrTx, practiceId: string, userId: string, id: string) {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The passkey of a practice with this credential id, or undefined. */
export function findPasskeyByCredential(db: DbOrTx, practiceId: string, credentialId: string) {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
}

/** A passkey as the Account page lists it: no key material, the name decrypted. */
export function presentPasskey(cipher: PracticeCipher, row: PasskeysTable): Passkey {
  return {
    id: row.id,
    name: cipher.decrypt(binding('passkeys.name', row.id), row.name_enc),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
