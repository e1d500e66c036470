import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tempSqlite } from '../../test/temp-sqlite';

describe('SQLite transactions beside another process', () => {
  const databases = tempSqlite('confide-sqlite-tx-');

  it('R54: a transaction holds the write lock from its start, so another writer cannot slip in between its read and its write', async () => {
    const { database: server, dataDir } = databases.open();
    // Another process (e.g. `confide seed`), here a second connection that does not wait for locks.
    const other = new SqliteDatabase(join(dataDir, 'confide.db'));
    other.pragma('busy_timeout = 0');
    other.exec('create table probe (n integer)');
    try {
      let otherWrite: unknown = null;
      await server.db.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw('select count(*) from probe'));
        try {
          other.prepare('insert into probe (n) values (1)').run();
        } catch (error) {
          otherWrite = error;
        }
        await tx.executeQuery(CompiledQuery.raw('insert into probe (n) values (2)'));
      });
      // The other writer was held off (it would wait busy_timeout in real life); ours committed.
      expect((otherWrite as { code?: string } | null)?.code).toBe('SQLITE_BUSY');
      expect(other.prepare('select n from probe').all()).toEqual([{ n: 2 }]);
    } finally {
      other.close();
    }
  });
});
