import type { Person } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import type { UsersTable } from '../../db/schema';
import { binding } from '../../crypto/bindings';

export type UserRow = UsersTable;

/** The lookup hash of an email, scoped to the practice's index key. */
export function emailLookup(cipher: PracticeCipher, email: string): string {
  return cipher.lookupHash(`email:${email.trim().toLowerCase()}`);
}

/** A user of a practice by email, or undefined. */
export function findUserByEmail(db: DbOrTx, cipher: PracticeCipher, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('practice_id', '=', cipher.practiceId)
    .where('email_lookup', '=', emailLookup(cipher, email))
    .executeTakeFirst();
}

/** A user of a practice by id, or undefined (also when the id belongs to another practice). */
export function findUser(db: DbOrTx, practiceId: string, id: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Decrypts a user's name. */
export function userName(cipher: PracticeCipher, row: Pick<UserRow, 'id' | 'name_enc'>): string {
  return cipher.decrypt(binding('users.name', row.id), row.name_enc);
}

/** Decrypts a user's email. */
export function userEmail(cipher: PracticeCipher, row: Pick<UserRow, 'id' | 'email_enc'>): string {
  return cipher.decrypt(binding('users.email', row.id), row.email_enc);
}

/** A person as threads and lists show them. */
export function presentPerson(cipher: PracticeCipher, row: Pick<UserRow, 'id' | 'name_enc' | 'kind' | 'role'>): Person {
  return { id: row.id, name: userName(cipher, row), kind: row.kind, role: row.role };
}

/** Loads people by id in one query and presents them, keyed by id. */
export async function loadPeople(
  db: DbOrTx,
  cipher: PracticeCipher,
  ids: Iterable<string>,
): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  const people = new Map<string, Person>();
  if (unique.length === 0) return people;
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name_enc', 'kind', 'role'])
      .where('practice_id', '=', cipher.practiceId)
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const row of rows) people.set(row.id, presentPerson(cipher, row));
  }
  return people;
}
