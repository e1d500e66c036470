import { mkdtempSync, readlinkSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './index';
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

// Raw statements through the executor: the practice-scope plugin checks built queries only.
const raw = (database: OpenDatabase, sql: string) => database.db.executeQuery(CompiledQuery.raw(sql));

describe('group commit on the embedded database', () => {
  const opened: OpenDatabase[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function open(syncWal?: SyncWal): Promise<OpenDatabase> {
    const dataDir = mkdtempSync(join(tmpdir(), 'confide-wal-sync-'));
    dirs.push(dataDir);
    const database = openDatabase({ databaseUrl: null, dataDir, ...(syncWal ? { syncWal } : {}) });
    opened.push(database);
    return database;
  }

  it('R25: a write is answered only once the WAL holding it is on disk', async () => {
    const { disk, pending } = gatedDisk();
    const database = await open(disk);
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
    const { disk, pending } = gatedDisk();
    const database = await open(disk);
    const create = raw(database, 'create table probe (n integer)');
    await settle();
    pending.shift()?.finish();
    await create;

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

  it('R21: commits made while a flush is in flight share the next one', async () => {
    const { disk, pending } = gatedDisk();
    const database = await open(disk);
    const create = raw(database, 'create table probe (n integer)');
    await settle();
    pending.shift()?.finish();
    await create;

    const writes = Array.from({ length: 10 }, (_, n) =>
      watch(
        database.db
          .transaction()
          .execute((tx) => tx.executeQuery(CompiledQuery.raw(`insert into probe (n) values (${n})`))),
      ),
    );
    await settle();
    // The first commit started a flush; the other nine committed while it was in flight.
    expect(disk.syncs).toBe(2);
    pending.shift()?.finish();
    await settle();
    expect(writes.some((w) => w.done)).toBe(true);
    expect(writes.every((w) => w.done)).toBe(false);
    expect(disk.syncs).toBe(3);
    pending.shift()?.finish();
    await settle();
    expect(writes.every((w) => w.done && w.error === null)).toBe(true);
    expect(disk.syncs).toBe(3);
    const count = await raw(database, 'select count(*) as n from probe');
    expect(count.rows).toEqual([{ n: 10 }]);
  });

  it('R54: a failed fdatasync fails the answers waiting on it, and the next write tries again', async () => {
    const { disk, pending } = gatedDisk();
    const database = await open(disk);
    const create = raw(database, 'create table probe (n integer)');
    await settle();
    pending.shift()?.finish();
    await create;

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
    const database = await open();
    await raw(database, 'create table probe (n integer)');
    await raw(database, 'insert into probe (n) values (1)');
    const targets = readdirSync('/proc/self/fd').map((fd) => {
      try {
        return readlinkSync(join('/proc/self/fd', fd));
      } catch {
        return '';
      }
    });
    const wal = join(dirs.at(-1) ?? '', 'confide.db-wal');
    // SQLite's own descriptor of the WAL, and the one group commit syncs.
    expect(targets.filter((target) => target === wal)).toHaveLength(2);
    expect(await raw(database, 'select n from probe')).toMatchObject({ rows: [{ n: 1 }] });
  });
});
