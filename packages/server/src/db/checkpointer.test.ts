import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './index';

describe('checkpoints on a worker thread', () => {
  const opened: OpenDatabase[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('R54: the WAL is copied into the database file without the server doing it, and closing stops the worker', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confide-checkpoint-'));
    dirs.push(dataDir);
    const database = openDatabase({ databaseUrl: null, dataDir });
    opened.push(database);
    const raw = (sql: string) => database.db.executeQuery(CompiledQuery.raw(sql));
    await raw('create table probe (body text)');
    const file = join(dataDir, 'confide.db');
    const before = statSync(file).size;
    // About 2 MiB in the WAL; the server's own connection never checkpoints (wal_autocheckpoint = 0).
    for (let i = 0; i < 64; i += 1) await raw(`insert into probe (body) values (printf('%.32768c', 'x'))`);
    const deadline = Date.now() + 60_000;
    while (statSync(file).size <= before + 1024 * 1024 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 1024 * 1024);
    await database.close();
    opened.splice(0);
    // Closed cleanly: the last connection folded the WAL back and removed it.
    expect(() => statSync(`${file}-wal`)).toThrow();
  });
});
