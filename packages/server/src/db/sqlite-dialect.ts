import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Driver, SqliteDialect } from 'kysely';
import { withStatementCache } from './statement-cache';
import type { WalSync } from './wal-sync';

/**
 * Kysely's SQLite dialect over the statement cache, with group commit and two fixes:
 * - Group commit (db/wal-sync.ts): every statement that commits is counted, and a use of the
 *   connection that committed — a transaction, or a write outside one — resolves only once the
 *   WAL is on disk up to that commit, waiting after it has let the connection go, so the next
 *   transaction runs meanwhile and shares the same fdatasync.
 * - Transactions begin IMMEDIATE: they take the write lock at once (waiting `busy_timeout` for
 *   it). A deferred BEGIN that reads first and writes later fails at once with SQLITE_BUSY — no
 *   waiting — when another process (`confide seed` beside a running server) committed in between.
 *   In one process Kysely runs one transaction at a time, so nothing else changes.
 * - For failing disks: SQLite rolls a transaction back by itself on some errors (SQLITE_FULL,
 *   SQLITE_IOERR, SQLITE_NOMEM), and Kysely's own ROLLBACK then fails with "no transaction is
 *   active", an SQLITE_ERROR that hides the real cause. Rolling back only what is still open keeps
 *   the cause (507 storage_full, R54).
 */
export class CachedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly walSync: WalSync,
  ) {
    super({
      database: withStatementCache(sqlite, {
        onCommit: () => {
          walSync.noteCommit();
          this.committed = true;
        },
      }),
    });
  }

  /** Whether the current use of the connection (Kysely runs one at a time) has committed. */
  private committed = false;

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    const release = driver.releaseConnection.bind(driver);
    driver.releaseConnection = async (connection) => {
      const committed = this.committed;
      this.committed = false;
      await release(connection);
      if (committed) await this.walSync.durable();
    };
    const destroy = driver.destroy.bind(driver);
    driver.destroy = async () => {
      await this.walSync.close();
      await destroy();
    };
    return driver;
  }
}
