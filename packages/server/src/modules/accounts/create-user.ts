import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import type { UsersTable } from '../../db/schema';
import { AppError } from '../../errors';
import { newId, nowIso } from '../../ids';
import { indexNames } from '../search/search-index';
import { emailLookup } from './users.repo';
import { binding } from '../../crypto/bindings';

export interface NewUser {
  kind: 'staff' | 'client';
  role: UsersTable['role'];
  admin?: boolean;
  status: UsersTable['status'];
  name: string;
  email: string;
  passwordHash?: string | null;
  totpSecret?: string | null;
  portal: boolean;
}

/** Inserts a person with name and email encrypted; an email already used in the practice is a conflict. */
export async function createUser(tx: DbOrTx, cipher: PracticeCipher, input: NewUser): Promise<string> {
  const id = newId();
  const lookup = emailLookup(cipher, input.email);
  const existing = await tx
    .selectFrom('users')
    .select('id')
    .where('practice_id', '=', cipher.practiceId)
    .where('email_lookup', '=', lookup)
    .executeTakeFirst();
  if (existing) throw new AppError('conflict', 'Someone in this practice already uses that email address.');
  const now = nowIso();
  await tx
    .insertInto('users')
    .values({
      id,
      practice_id: cipher.practiceId,
      kind: input.kind,
      role: input.role,
      admin: input.admin ? 1 : 0,
      status: input.status,
      name_enc: cipher.encrypt(binding('users.name', id), input.name),
      email_enc: cipher.encrypt(binding('users.email', id), input.email.trim().toLowerCase()),
      email_lookup: lookup,
      password_hash: input.passwordHash ?? null,
      totp_secret_enc: input.totpSecret ? cipher.encrypt(binding('users.totp', id), input.totpSecret) : null,
      mfa_enabled: input.totpSecret ? 1 : 0,
      portal: input.portal ? 1 : 0,
      invited_at: null,
      totp_last_step: null,
      unread_count: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await indexNames(tx, cipher, [{ userId: id, name: input.name }]);
  return id;
}
