import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterEach } from 'vitest';
import { openDatabase, type OpenDatabase } from '../src/db/index';
import type { SyncWal } from '../src/db/wal-sync';

/**
 * Embedded databases for the db layer's own tests, each in a temporary data folder, closed and
 * removed after every test.
 */
export function tempSqlite(prefix: string) {
  const opened = new Set<OpenDatabase>();
  const dirs: string[] = [];
  afterEach(async () => {
    for (const database of opened) await database.close();
    opened.clear();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    open(options: { syncWal?: SyncWal } = {}): { database: OpenDatabase; dataDir: string } {
      const dataDir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dataDir);
      const database = openDatabase({ databaseUrl: null, dataDir, ...options });
      opened.add(database);
      return { database, dataDir };
    },
    /** Closes one before the test ends (it is not closed again). */
    async close(database: OpenDatabase): Promise<void> {
      opened.delete(database);
      await database.close();
    },
  };
}

/** A raw statement through the executor: the practice-scope plugin checks built queries only. */
export const raw = (database: OpenDatabase, sql: string) => database.db.executeQuery(CompiledQuery.raw(sql));
