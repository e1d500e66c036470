/** Seconds a client is told to wait (Retry-After) when a dependency is briefly away. */
export const RETRY_AFTER_SECONDS = 5;

// PostgreSQL SQLSTATEs: the server is shutting down, restarting or refusing connections, the
// connection broke, or a statement hit its timeout.
const PG_UNAVAILABLE = new Set([
  '57P01',
  '57P02',
  '57P03',
  '57014',
  '53300',
  '55P03',
  '25P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
// Network and pool errors on this side of the connection.
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'DB_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);
const PG_CONNECTION_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end)/;

/**
 * What a failure says about a dependency (R54): the database or disk is away for now
 * (`unavailable`, 503 with Retry-After), the disk is full (`storage_full`, 507), or neither (null:
 * a real bug, 500). Looks through `cause` chains, as drivers and streams wrap errors.
 */
export function dependencyFailure(error: unknown): 'unavailable' | 'storage_full' | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth += 1) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (NO_SPACE.has(code)) return 'storage_full';
      if (NET_UNAVAILABLE.has(code) || PG_UNAVAILABLE.has(code)) return 'unavailable';
    }
    if (typeof message === 'string' && PG_CONNECTION_MESSAGE.test(message)) return 'unavailable';
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
