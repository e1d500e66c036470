import { binding } from '../../crypto/bindings';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { bodyToText } from '../threads/message-body';
import { loadAttachments } from '../threads/threads.repo';
import { indexPrefixes } from './words';

/**
 * R44 with R31: the index holds keyed hashes (HMAC-SHA-256 under the practice's index key,
 * domain `search:`, cut to 128 bits) of normalised word prefixes — never a word.
 */
export function searchTerm(cipher: PracticeCipher, prefix: string): string {
  return cipher.lookupHash(`search:${prefix}`).slice(0, 32);
}

// 5 columns a row: well under SQLite's bound-parameter cap per statement.
const ROWS_PER_INSERT = 1000;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}

/** R44 with R36: the term of a prefix of a word of a person's name (its own domain: never equal to a message's). */
export function nameTerm(cipher: PracticeCipher, prefix: string): string {
  return cipher.lookupHash(`search-name:${prefix}`).slice(0, 32);
}

/** The index rows of a person's name. */
function nameTermRows(cipher: PracticeCipher, userId: string, name: string) {
  return [...indexPrefixes(name)].map((prefix) => ({
    practice_id: cipher.practiceId,
    term: nameTerm(cipher, prefix),
    user_id: userId,
  }));
}

/** Indexes people's names (a new person's in the transaction that creates them; the backfill's). */
export async function indexNames(
  tx: DbOrTx,
  cipher: PracticeCipher,
  people: readonly { userId: string; name: string }[],
): Promise<void> {
  await insertChunks(
    people.flatMap((p) => nameTermRows(cipher, p.userId, p.name)),
    (chunk) =>
      tx
        .insertInto('search_names')
        .values(chunk)
        .onConflict((oc) => oc.doNothing())
        .execute(),
  );
}

/** A message as the index takes it: its sanitized body and the names of its files. */
export interface IndexedMessage {
  practiceId: string;
  threadId: string;
  messageId: string;
  /** the message's time: postings read newest first */
  at: string;
  bodyHtml: string;
  attachmentNames: string[];
}

/** The index rows of a message (also used by the bench's bulk seed). */
export function messageTermRows(cipher: PracticeCipher, message: IndexedMessage) {
  const prefixes = indexPrefixes([bodyToText(message.bodyHtml), ...message.attachmentNames].join('\n'));
  return [...prefixes].map((prefix) => ({
    practice_id: message.practiceId,
    term: searchTerm(cipher, prefix),
    at: message.at,
    message_id: message.messageId,
    thread_id: message.threadId,
  }));
}

/** A stored message as the index reads it back. */
export interface StoredMessage {
  id: string;
  thread_id: string;
  body_enc: string;
  created_at: string;
}

/**
 * Indexes stored messages of one practice with their attachments' names: decrypted here, in
 * memory, and written as keyed hashes only (also the backfill's). Rows already there are skipped.
 */
export async function indexStoredMessages(
  tx: DbOrTx,
  cipher: PracticeCipher,
  practiceId: string,
  messages: readonly StoredMessage[],
): Promise<void> {
  const files = new Map<string, string[]>();
  const attachments = await loadAttachments(
    tx,
    practiceId,
    'message_id',
    messages.map((m) => m.id),
  );
  for (const a of attachments) {
    const key = a.message_id ?? '';
    files.set(key, [...(files.get(key) ?? []), cipher.decrypt(binding('attachments.name', a.id), a.name_enc)]);
  }
  const rows = messages.flatMap((m) =>
    messageTermRows(cipher, {
      practiceId,
      threadId: m.thread_id,
      messageId: m.id,
      at: m.created_at,
      bodyHtml: cipher.decrypt(binding('messages.body', m.id), m.body_enc),
      attachmentNames: files.get(m.id) ?? [],
    }),
  );
  await insertChunks(rows, (chunk) =>
    tx
      .insertInto('search_terms')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
}

/**
 * R44: queues a message for the index in the transaction that stores it — one small row instead
 * of a random index page per word — to be indexed after the commit (search/indexer.ts). A search
 * indexes its practice's queue first, so a committed message is always found.
 */
export async function queueForIndex(
  tx: DbOrTx,
  message: { practiceId: string; threadId: string; messageId: string },
): Promise<void> {
  await tx
    .insertInto('search_queue')
    .values({ practice_id: message.practiceId, message_id: message.messageId, thread_id: message.threadId })
    .execute();
}

/** The index rows of a thread's subject (also used by the bench's bulk seed). */
export function subjectTermRows(
  cipher: PracticeCipher,
  thread: { practiceId: string; threadId: string; at: string; subject: string },
) {
  return [...indexPrefixes(thread.subject)].map((prefix) => ({
    practice_id: thread.practiceId,
    term: searchTerm(cipher, prefix),
    at: thread.at,
    thread_id: thread.threadId,
  }));
}

/** Indexes a new thread's subject in the transaction that creates it. */
export async function indexSubject(
  tx: DbOrTx,
  cipher: PracticeCipher,
  thread: { practiceId: string; threadId: string; at: string; subject: string },
): Promise<void> {
  await insertChunks(subjectTermRows(cipher, thread), (chunk) =>
    tx
      .insertInto('search_subjects')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
}

/** R19: a deleted message leaves the index (and its queue) in the deletion's transaction. */
export async function unindexMessage(
  tx: DbOrTx,
  practiceId: string,
  threadId: string,
  messageId: string,
): Promise<void> {
  // The queue row first: on PostgreSQL this waits for an indexer holding it, whose rows the
  // next statement then sees and deletes.
  await tx
    .deleteFrom('search_queue')
    .where('practice_id', '=', practiceId)
    .where('message_id', '=', messageId)
    .execute();
  await tx
    .deleteFrom('search_terms')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .where('message_id', '=', messageId)
    .execute();
}

/** R19: a deleted thread (subject and every message) leaves the index in the deletion's transaction. */
export async function unindexThread(tx: DbOrTx, practiceId: string, threadId: string): Promise<void> {
  // Queued rows first, as for one message (unindexMessage).
  await tx.deleteFrom('search_queue').where('practice_id', '=', practiceId).where('thread_id', '=', threadId).execute();
  await tx.deleteFrom('search_terms').where('practice_id', '=', practiceId).where('thread_id', '=', threadId).execute();
  await tx
    .deleteFrom('search_subjects')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .execute();
}
