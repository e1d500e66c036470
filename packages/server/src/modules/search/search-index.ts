import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { bodyToText } from '../threads/message-body';
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

/** Indexes a message inside the transaction that stores it, so it is findable once committed. */
export async function indexMessage(tx: DbOrTx, cipher: PracticeCipher, message: IndexedMessage): Promise<void> {
  await insertChunks(messageTermRows(cipher, message), (chunk) =>
    tx
      .insertInto('search_terms')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
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

/** R19: a deleted message leaves the index in the deletion's transaction. */
export async function unindexMessage(
  tx: DbOrTx,
  practiceId: string,
  threadId: string,
  messageId: string,
): Promise<void> {
  await tx
    .deleteFrom('search_terms')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .where('message_id', '=', messageId)
    .execute();
}

/** R19: a deleted thread (subject and every message) leaves the index in the deletion's transaction. */
export async function unindexThread(tx: DbOrTx, practiceId: string, threadId: string): Promise<void> {
  await tx.deleteFrom('search_terms').where('practice_id', '=', practiceId).where('thread_id', '=', threadId).execute();
  await tx
    .deleteFrom('search_subjects')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .execute();
}
