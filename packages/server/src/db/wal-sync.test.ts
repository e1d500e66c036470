import { readlinkSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { raw, tempSqlite } from '../../test/temp-sqlite';
import type { OpenDatabase } from './index';
import { GROUP_MAX_UNITS } from './sqlite-dialect';
import type { SyncWal } from './wal-sync';

/** A WAL "disk" whose every fdatasync waits until the test lets it finish. */
function gatedDisk() {
  const pending: { finish: () => void; fail: (error: Error) => void }[] = [];
  const disk: SyncWal & { syncs: number } = {
    syncs: 0,
    sync() {
      disk.syncs += 1;
      return new Promise<void>((finish, fail) => pending.push({ finish, fail }));
    },
    close: () => Promise.resolve(),
  };
  return { disk, pending };
}

/** Lets every ready callback and timer-free continuation run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Tracks whether a promise has settled, without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const state = { done: false, error: null as unknown };
  promise.then(
    () => (state.done = true),
    (error: unknown) => {
      state.done = true;
      state.error = error;
    },
  );
  return state;
}

describe('group commit on the embedded database', () => {
  const databases = tempSqlite('confide-wal-sync-');
  const open = (syncWal?: SyncWal): OpenDatabase => databases.open(syncWal ? { syncWal } : {}).database;

  /** A database on a gated disk with the table `probe` created (its flush let through). */
  async function openWithProbe() {
    const { disk, pending } = gatedDisk();
    const database = open(disk);
    const create = raw(database, 'create table probe (n integer)');
    await settle();
    pending.shift()?.finish();
    await create;
    return { disk, pending, database };
  }

  it('R25: a write is answered only once the WAL holding it is on disk', async () => {
    const { disk, pending } = gatedDisk();
    const database = open(disk);
    const create = watch(raw(database, 'create table probe (n integer)'));
    await settle();
    expect(create.done).toBe(false);
    pending.shift()?.finish();
    await settle();
    expect(create.done).toBe(true);

    const insert = watch(
      database.db.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw('insert into probe (n) values (1)'));
        await tx.executeQuery(CompiledQuery.raw('insert into probe (n) values (2)'));
      }),
    );
    await settle();
    expect(insert.done).toBe(false);
    expect(disk.syncs).toBe(2);
    pending.shift()?.finish();
    await settle();
    expect(insert.done).toBe(true);
    expect(insert.error).toBeNull();
  });

  it('R25: only a use of the database that committed waits; a reader does not, and its writer is still unanswered', async () => {
    const { disk, pending, database } = await openWithProbe();

    const write = watch(raw(database, 'insert into probe (n) values (1)'));
    const read = await raw(database, 'select count(*) as n from probe');
    expect(read.rows).toEqual([{ n: 1 }]);
    await settle();
    expect(write.done).toBe(false);
    expect(disk.syncs).toBe(2);
    pending.shift()?.finish();
    await settle();
    expect(write.done).toBe(true);
  });

  it('R21: concurrent transactions share one commit and one flush, and each is answered only after both', async () => {
    const { disk, pending, database } = await openWithProbe();

    const writes = Array.from({ length: 10 }, (_, n) =>
      watch(
        database.db
          .transaction()
          .execute((tx) => tx.executeQuery(CompiledQuery.raw(`insert into probe (n) values (${n})`))),
      ),
    );
    await settle();
    expect(disk.syncs).toBe(2);
    expect(writes.some((w) => w.done)).toBe(false);
    pending.shift()?.finish();
    await settle();
    expect(writes.every((w) => w.done && w.error === null)).toBe(true);
    expect(disk.syncs).toBe(2);
    const count = await raw(database, 'select count(*) as n from probe');
    expect(count.rows).toEqual([{ n: 10 }]);
  });

  it('R21: a full group commits when its last member is done, before the transactions queued behind it run', async () => {
    const { database, dataDir } = databases.open();
    await raw(database, 'create table probe (n integer)');
    const reader = new SqliteDatabase(join(dataDir, 'confide.db'), { readonly: true });
    try {
      let committedBeforeNext = -1;
      await Promise.all(
        Array.from({ length: GROUP_MAX_UNITS + 2 }, (_, n) =>
          database.db.transaction().execute(async (tx) => {
            // What another connection sees once the first group is full: all of it, committed.
            if (n === GROUP_MAX_UNITS)
              committedBeforeNext = (reader.prepare('select count(*) as n from probe').get() as { n: number }).n;
            await tx.executeQuery(CompiledQuery.raw(`insert into probe (n) values (${n})`));
          }),
        ),
      );
      expect(committedBeforeNext).toBe(GROUP_MAX_UNITS);
    } finally {
      reader.close();
    }
  });

  it('R34: a transaction that fails in a shared commit leaves nothing behind and the others commit', async () => {
    const database = open();
    await raw(database, 'create table probe (n integer)');
    const insert = (n: number, fail: boolean) =>
      database.db.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw(`insert into probe (n) values (${n})`));
        if (fail) throw new Error('refused');
      });
    const results = await Promise.allSettled([insert(1, false), insert(2, true), insert(3, false)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await raw(database, 'select n from probe order by n');
    expect(rows.rows).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('R54: when SQLite rolls the shared transaction back by itself, every change in it fails and none is stored', async () => {
    const database = open();
    await raw(database, 'create table probe (n integer)');
    const first = database.db
      .transaction()
      .execute((tx) => tx.executeQuery(CompiledQuery.raw('insert into probe (n) values (1)')));
    // What SQLite does on SQLITE_FULL or SQLITE_IOERR: the whole transaction is rolled back.
    const second = database.db.transaction().execute(async (tx) => {
      await tx.executeQuery(CompiledQuery.raw('insert into probe (n) values (2)'));
      await tx.executeQuery(CompiledQuery.raw('rollback'));
    });
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/rolled back/);
    expect((await raw(database, 'select count(*) as n from probe')).rows).toEqual([{ n: 0 }]);
    // The next change starts a group of its own.
    await raw(database, 'insert into probe (n) values (3)');
    await database.db
      .transaction()
      .execute((tx) => tx.executeQuery(CompiledQuery.raw('insert into probe (n) values (4)')));
    expect((await raw(database, 'select n from probe order by n')).rows).toEqual([{ n: 3 }, { n: 4 }]);
  });

  it('R54: a failed fdatasync fails the answers waiting on it, and the next write tries again', async () => {
    const { pending, database } = await openWithProbe();

    const failed = watch(raw(database, 'insert into probe (n) values (1)'));
    await settle();
    pending.shift()?.fail(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await settle();
    expect(failed.done).toBe(true);
    expect((failed.error as { code?: string }).code).toBe('ENOSPC');

    const retried = watch(raw(database, 'insert into probe (n) values (2)'));
    await settle();
    expect(retried.done).toBe(false);
    pending.shift()?.finish();
    await settle();
    expect(retried.done).toBe(true);
    expect(retried.error).toBeNull();
  });

  it('R25: by default the WAL file itself is what gets synced', async () => {
    const { database, dataDir } = databases.open();
    await raw(database, 'create table probe (n integer)');
    await raw(database, 'insert into probe (n) values (1)');
    const targets = readdirSync('/proc/self/fd').map((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd));
      } catch {
        return '';
      }
    });
    const wal = join(dataDir, 'confide.db-wal');
    // SQLite's own descriptor of the WAL, and the one group commit syncs.
    expect(targets.filter((target) => target === wal)).toHaveLength(2);
    expect(await raw(database, 'select n from probe')).toMatchObject({ rows: [{ n: 1 }] });
  });
});
