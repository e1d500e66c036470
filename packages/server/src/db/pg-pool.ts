import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';

// COUNT(*) and BIGINT come back from pg as strings by default; every count here fits a double.
pg.types.setTypeParser(20, (value) => Number(value));

/** A database call that did not answer within the configured timeout (the server is stalled or gone). */
export class DbTimeoutError extends Error {
  readonly code = 'DB_TIMEOUT';

  constructor() {
    super('the database did not answer in time');
  }
}

/**
 * The PostgreSQL pool, bounded and survivable (R54):
 * - an 'error' listener on the pool and on every client, so a restart or failover (57P01, a
 *   reset socket) ends those connections instead of the process;
 * - acquiring a connection waits at most `timeoutMs`, and so does every statement: the server
 *   cancels it a little earlier (`statement_timeout`, a clean cancel that keeps the connection),
 *   and this side gives up at `timeoutMs` on a server that no longer answers at all (frozen,
 *   unreachable). A connection whose statement timed out here is thrown away, never handed to
 *   the next caller with a query still stuck on it.
 */
export function openPgPool(options: {
  databaseUrl: string;
  timeoutMs: number;
  max: number;
  onError: (error: Error) => void;
}): { raw: pg.Pool; bounded: PostgresPool } {
  const raw = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.max,
    connectionTimeoutMillis: options.timeoutMs,
    statement_timeout: serverStatementTimeout(options.timeoutMs),
    idle_in_transaction_session_timeout: options.timeoutMs * 4,
    keepAlive: true,
  });
  raw.on('error', options.onError);
  // A checked-out client has no listener of the pool's: without this, its 'error' would be unhandled.
  raw.on('connect', (client) => client.on('error', options.onError));
  return { raw, bounded: boundedPool(raw, options.timeoutMs) };
}

/** The pool as Kysely sees it: every statement of every client it hands out waits at most `timeoutMs`. */
export function boundedPool(raw: Pick<pg.Pool, 'connect' | 'end'>, timeoutMs: number): PostgresPool {
  return {
    connect: async () => boundedClient(await raw.connect(), timeoutMs),
    end: () => raw.end(),
  };
}

/**
 * When the server cancels a statement: before this side's own limit (a quarter of it, at most a
 * second, earlier), so a slow statement ends with a clean cancel and a reusable connection, and
 * only a server that answers nothing makes this side give up.
 */
export function serverStatementTimeout(timeoutMs: number): number {
  return timeoutMs - Math.min(1_000, Math.floor(timeoutMs / 4));
}

/** A pool client whose statements reject after `waitMs`; one that did is destroyed on release. */
function boundedClient(client: Pick<pg.PoolClient, 'query' | 'release'>, waitMs: number): PostgresPoolClient {
  let broken: Error | null = null;
  function query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  function query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never);
    if (broken) return Promise.reject(broken);
    return new Promise<PostgresQueryResult<R>>((resolve, reject) => {
      const timer = setTimeout(() => {
        broken = new DbTimeoutError();
        reject(broken);
      }, waitMs);
      client.query(sqlOrCursor, parameters as unknown[]).then(
        (result) => {
          clearTimeout(timer);
          resolve(result as unknown as PostgresQueryResult<R>);
        },
        (error: Error) => {
          clearTimeout(timer);
          // The connection itself failed (reset, terminated): do not reuse it either.
          if (!broken && (client as unknown as { _queryable?: boolean })._queryable === false) broken = error;
          reject(error);
        },
      );
    });
  }
  return {
    query,
    // A truthy argument makes pg-pool destroy the connection instead of keeping it.
    release: () => client.release(broken ?? undefined),
  };
}
