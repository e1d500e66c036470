import { existsSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import type pg from 'pg';
import { ensurePrivateDir, ensurePrivateFile } from '../storage/private-files';
import type { Database } from './schema';
import { migrations } from './migrations';
import { openPgPool } from './pg-pool';
import { PracticeScopePlugin } from './practice-scope';
import { CachedSqliteDialect } from './sqlite-dialect';
import { startCheckpointer } from './checkpointer';
import { unscoped } from './unscoped';
import { fdatasyncOf, type SyncWal, WalSync } from './wal-sync';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: operations accept both. */
export type DbOrTx = Db | Tx;

export interface OpenDatabase {
  db: Db;
  dialect: 'sqlite' | 'postgres';
  /** The PostgreSQL pool (for LISTEN/NOTIFY), when on PostgreSQL. */
  pgPool: pg.Pool | null;
  close(): Promise<void>;
}

/**
 * Opens the database named by DATABASE_URL, or the embedded SQLite file in the data directory.
 * Every statement goes through the practice-scope check (db/practice-scope.ts), which throws on
 * one that forgets its practice. On PostgreSQL every statement and connection wait is bounded by
 * `dbTimeoutMs` (db/pg-pool.ts); `onPoolError` hears about connections lost to a restart (the
 * pool replaces them by itself).
 */
export function openDatabase(options: {
  databaseUrl: string | null;
  dataDir: string;
  dbTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
  /** Tests only: how the embedded database's WAL is put on disk (default: fdatasync). */
  syncWal?: SyncWal;
}): OpenDatabase {
  const plugins = [new PracticeScopePlugin()];
  if (options.databaseUrl) {
    const pool = openPgPool({
      databaseUrl: options.databaseUrl,
      timeoutMs: options.dbTimeoutMs ?? 5_000,
      max: 10,
      onError: options.onPoolError ?? (() => undefined),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool.bounded }), plugins });
    return { db, dialect: 'postgres', pgPool: pool.raw, close: () => db.destroy() };
  }
  ensurePrivateDir(options.dataDir);
  const file = join(options.dataDir, 'confide.db');
  // Owner-only before SQLite opens it (R32); the WAL and SHM files SQLite creates copy this mode.
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (path === file || existsSync(path)) ensurePrivateFile(path);
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // An acknowledged message survives power loss: NORMAL leaves the WAL's fdatasync to group
  // commit (db/wal-sync.ts), which makes every write wait for it — the guarantee of FULL.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Checkpoints run on a worker thread instead of inside whichever commit crosses the threshold.
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(file, () => {
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // a busy database skips this round; the next one catches up
    }
  });
  const walSync = new WalSync(options.syncWal ?? fdatasyncOf(`${file}-wal`));
  const db = new Kysely<Database>({ dialect: new CachedSqliteDialect(sqlite, walSync), plugins });
  return {
    db,
    dialect: 'sqlite',
    pgPool: null,
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/** Brings the schema up to date. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({
    db: unscoped(db, 'migrations'),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Migration numbers are handed out to work that lands in any order (0004 after 0005 and 0007):
    // a database that already ran a later one still runs an earlier one it has not.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
