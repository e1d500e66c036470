import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raw, tempSqlite } from '../../test/temp-sqlite';

describe('checkpoints on a worker thread', () => {
  const databases = tempSqlite('confide-checkpoint-');

  it('R54: the WAL is copied into the database file without the server doing it, and closing stops the worker', async () => {
    const { database, dataDir } = databases.open();
    await raw(database, 'create table probe (body text)');
    const file = join(dataDir, 'confide.db');
    const before = statSync(file).size;
    // About 2 MiB in the WAL; the server's own connection never checkpoints (wal_autocheckpoint = 0).
    for (let i = 0; i < 64; i += 1) await raw(database, `insert into probe (body) values (printf('%.32768c', 'x'))`);
    const deadline = Date.now() + 60_000;
    while (statSync(file).size <= before + 1024 * 1024 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 1024 * 1024);
    await databases.close(database);
    // Closed cleanly: the last connection folded the WAL back and removed it.
    expect(() => statSync(`${file}-wal`)).toThrow();
  });
});
