import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/** How many distinct SQL strings keep their prepared statement. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SqliteDialect sees it, with `prepare` answered from a bounded LRU of
 * statements: Kysely prepares every query afresh, which costs more than running most of them.
 * Reuse is safe because Kysely runs one query at a time on its single connection; a statement
 * still busy (a stream left open) is never handed out again — a fresh one is prepared instead.
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-inserting moves it to the end: the Map's order is the recency order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
