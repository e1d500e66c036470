import type { Database } from '../db/schema';

/**
 * Every encrypted text column, by the field name its ciphertexts are bound to. A ciphertext's
 * associated data is `<field>:<row id>`, so a value moved to another row or column fails to
 * decrypt. Code names a field from this map (a misspelt one does not compile), and key rotation
 * rewrites exactly these columns.
 */
export const ENCRYPTED_COLUMNS = {
  'users.name': { table: 'users', column: 'name_enc' },
  'users.email': { table: 'users', column: 'email_enc' },
  'users.totp': { table: 'users', column: 'totp_secret_enc' },
  'threads.subject': { table: 'threads', column: 'subject_enc' },
  'messages.body': { table: 'messages', column: 'body_enc' },
  'drafts.subject': { table: 'drafts', column: 'subject_enc' },
  'drafts.body': { table: 'drafts', column: 'body_enc' },
  'chart_notes.content': { table: 'chart_notes', column: 'content_enc' },
  'attachments.name': { table: 'attachments', column: 'name_enc' },
  'out_of_office.note': { table: 'out_of_office', column: 'note_enc' },
  'auto_replies.note': { table: 'auto_replies', column: 'note_enc' },
  'passkeys.name': { table: 'passkeys', column: 'name_enc' },
  'saved_replies.title': { table: 'saved_replies', column: 'title_enc' },
  'saved_replies.body': { table: 'saved_replies', column: 'body_enc' },
} as const satisfies Record<string, { table: keyof Database; column: string }>;

/**
 * Encrypted values rotation leaves alone: a one-time link's payload lives only until its email
 * is sent. (File bodies frame their own ciphertext with the key id: see attachment-cipher.)
 */
type ShortLivedField = 'outbox.link';

export type EncryptedField = keyof typeof ENCRYPTED_COLUMNS | ShortLivedField;

declare const bound: unique symbol;
/** Associated data made by `binding` — the only form a practice cipher accepts. */
export type Binding = string & { readonly [bound]: true };

/** The associated data of one encrypted field of one row. */
export function binding(field: EncryptedField, rowId: string): Binding {
  return `${field}:${rowId}` as Binding;
}
