import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect } from 'kysely';
import { withStatementCache } from './statement-cache';
import type { WalSync } from './wal-sync';

/** A group closes once this old, even while more work queues for the connection. */
export const GROUP_MAX_MS = 10;
/** …or once this many units of work have joined it. */
export const GROUP_MAX_UNITS = 64;

const UNIT = 'confide_unit';

/** Transactions that share one COMMIT: each waits for it, and a failure of the whole fails each. */
class Group {
  readonly opened = Date.now();
  units = 0;
  readonly done: Promise<void>;
  settle!: (error: Error | null) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === null ? resolve() : reject(error));
    });
    // A group nobody joined still settles; its failure must not go unhandled.
    this.done.catch(() => undefined);
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

const run = (connection: DatabaseConnection, statement: string) =>
  connection.executeQuery(CompiledQuery.raw(statement));

/**
 * Kysely's SQLite dialect over the statement cache, with group commit (issue 18) and two fixes.
 *
 * Group commit. Transactions run one after another on the single connection, each inside a
 * SAVEPOINT of one shared transaction (BEGIN IMMEDIATE), and that transaction commits once the
 * connection has no more work queued, or — as its member releases the connection, before the
 * next queued transaction runs — once it is `GROUP_MAX_MS` old or `GROUP_MAX_UNITS` large. Pages the members share — the audit chain, live events, outbox, the tails of indexes —
 * are written to the WAL once, not once each, and there is one COMMIT. A member that fails rolls
 * back to its own savepoint and leaves the others alone. A member that wrote — or a statement
 * outside a transaction that wrote while a group was open — resolves only once the group has
 * committed and its WAL is on disk (db/wal-sync.ts); if the group fails, every member fails. A
 * write outside any group commits by itself and waits for its own flush. A reader outside a
 * transaction runs inside an open group and can see its members' rows a moment before they
 * commit; nothing acknowledged depends on that (see ARCHITECTURE.md, SQLite durability).
 *
 * Transactions begin IMMEDIATE: they take the write lock at once (waiting `busy_timeout` for
 * it). A deferred BEGIN that reads first and writes later fails at once with SQLITE_BUSY — no
 * waiting — when another process (`confide seed` beside a running server) committed in between.
 *
 * For failing disks: SQLite rolls a transaction back by itself on some errors (SQLITE_FULL,
 * SQLITE_IOERR, SQLITE_NOMEM); the group is then gone, and every member fails with that cause
 * (507 storage_full, R54) instead of Kysely's "no transaction is active".
 */
export class CachedSqliteDialect extends SqliteDialect {
  private group: Group | null = null;
  /** What the current use of the connection (Kysely runs one at a time) did. */
  private use = { wrote: false, committed: false };
  private lastError: unknown = null;
  private flushScheduled = false;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly walSync: WalSync,
  ) {
    super({
      database: withStatementCache(sqlite, {
        onCommit: () => {
          walSync.noteCommit();
          this.use.committed = true;
        },
        onWrite: () => {
          this.use.wrote = true;
        },
        onError: (error) => {
          this.lastError = error;
        },
      }),
    });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    const release = driver.releaseConnection.bind(driver);
    let waiting = 0;

    /** When SQLite has rolled the shared transaction back by itself, its members learn why. */
    const checkGroup = () => {
      if (this.group && !this.sqlite.inTransaction) this.failGroup(this.lastError);
    };

    /** Commits the group on this connection and settles it once the WAL is on disk. */
    const closeGroup = async (connection: DatabaseConnection, group: Group) => {
      this.group = null;
      try {
        await run(connection, 'commit');
      } catch (error) {
        if (this.sqlite.inTransaction) await run(connection, 'rollback').catch(() => undefined);
        group.settle(asError(error));
        return;
      }
      this.walSync.durable().then(
        () => group.settle(null),
        (error: unknown) => group.settle(asError(error)),
      );
    };
    const young = (group: Group) => Date.now() - group.opened < GROUP_MAX_MS && group.units < GROUP_MAX_UNITS;

    const flush = async () => {
      this.flushScheduled = false;
      const connection = await driver.acquireConnection();
      try {
        checkGroup();
        const group = this.group;
        if (!group) return;
        if (waiting > 0 && young(group)) return; // more work is queued: it joins, and its release flushes
        await closeGroup(connection, group);
      } finally {
        this.use = { wrote: false, committed: false };
        await release(connection);
      }
    };

    driver.acquireConnection = async () => {
      waiting += 1;
      try {
        return await acquire();
      } finally {
        waiting -= 1;
      }
    };
    driver.beginTransaction = async (connection) => {
      checkGroup();
      if (!this.group) {
        await run(connection, 'begin immediate');
        this.group = new Group();
      }
      await run(connection, `savepoint ${UNIT}`);
    };
    driver.commitTransaction = async (connection) => {
      await run(connection, `release ${UNIT}`);
    };
    driver.rollbackTransaction = async (connection) => {
      this.use.wrote = false;
      if (this.sqlite.inTransaction) {
        await run(connection, `rollback to ${UNIT}`);
        await run(connection, `release ${UNIT}`);
      } else {
        checkGroup();
      }
    };
    driver.releaseConnection = async (connection) => {
      checkGroup();
      const group = this.group;
      const joined = group !== null && this.use.wrote;
      const committed = this.use.committed;
      this.use = { wrote: false, committed: false };
      if (joined) group.units += 1;
      // An old or full group commits here, before the connection goes to the next waiter.
      if (group && this.group === group && !young(group)) {
        await closeGroup(connection, group);
        this.use = { wrote: false, committed: false };
      }
      await release(connection);
      if (this.group && !this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void flush());
      }
      if (joined) await group.done;
      else if (committed) await this.walSync.durable();
    };
    const destroy = driver.destroy.bind(driver);
    driver.destroy = async () => {
      while (this.group) await flush();
      await this.walSync.close();
      await destroy();
    };
    return driver;
  }

  private failGroup(cause: unknown): void {
    const group = this.group;
    this.group = null;
    group?.settle(new Error('the transaction this change shared was rolled back', { cause }));
  }
}
