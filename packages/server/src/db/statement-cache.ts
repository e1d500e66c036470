import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct SQL strings keep their prepared statement. */
export const STATEMENT_CACHE_SIZE = 500;

interface Cached {
  statement: SqliteDatabase.Statement;
  seen: SqliteStatement;
}

/**
 * The database as Kysely's SqliteDialect sees it, with `prepare` answered from a bounded LRU of
 * statements: Kysely prepares every query afresh, which costs more than running most of them.
 * Reuse is safe because Kysely runs one query at a time on its single connection; a statement
 * still busy (a stream left open) is never handed out again — a fresh one is prepared instead.
 *
 * `onCommit` hears of every statement that ended a transaction (COMMIT, or a ROLLBACK, counted
 * too, harmlessly) or wrote outside one (an autocommit write): what group commit must put on disk.
 * `onWrite` hears of every statement that may write, `onError` of every statement that failed.
 */
export function withStatementCache(
  sqlite: SqliteDatabase.Database,
  options: { size?: number; onCommit?: () => void; onWrite?: () => void; onError?: (error: unknown) => void } = {},
): KyselySqliteDatabase {
  const size = options.size ?? STATEMENT_CACHE_SIZE;
  const onCommit = options.onCommit ?? (() => undefined);
  const onWrite = options.onWrite ?? (() => undefined);
  const onError = options.onError ?? (() => undefined);
  const cache = new Map<string, Cached>();
  const watched = (statement: SqliteDatabase.Statement): SqliteStatement => {
    const watch = <T>(execute: () => T): T => {
      const wasInTransaction = sqlite.inTransaction;
      if (!statement.readonly) onWrite();
      let result: T;
      try {
        result = execute();
      } catch (error) {
        onError(error);
        throw error;
      }
      if (!sqlite.inTransaction && (wasInTransaction || !statement.readonly)) onCommit();
      return result;
    };
    return {
      reader: statement.reader,
      all: (parameters) => watch(() => statement.all(parameters)),
      run: (parameters) => watch(() => statement.run(parameters)),
      iterate: (parameters) => statement.iterate(parameters),
    };
  };
  return {
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.statement.busy) {
        // Re-inserting moves it to the end: the Map's order is the recency order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached.seen;
      }
      const statement = sqlite.prepare(sql);
      const seen = watched(statement);
      if (!cached) {
        cache.set(sql, { statement, seen });
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return seen;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
