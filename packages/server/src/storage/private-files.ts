import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * R32: the embedded default's files (database, keys, blobs, mailbox) are readable by their owner
 * only. A folder is created 0700 — and tightened to 0700 if it already exists looser, as a
 * DATA_DIR made by hand often does.
 */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/**
 * Creates the file 0600 if it is missing and tightens it to 0600 if it exists, before anything
 * else opens it: SQLite then gives its WAL and SHM files the database file's mode.
 */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}
