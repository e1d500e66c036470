import type SqliteDatabase from 'better-sqlite3';
import { type Driver, SqliteDialect } from 'kysely';
import { withStatementCache } from './statement-cache';

/**
 * Kysely's SQLite dialect over the statement cache, with one fix for failing disks: SQLite rolls
 * a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM), and
 * Kysely's own ROLLBACK then fails with "no transaction is active", an SQLITE_ERROR that hides
 * the real cause. Rolling back only what is still open keeps the cause (507 storage_full, R54).
 */
export class CachedSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase.Database) {
    super({ database: withStatementCache(sqlite) });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}
