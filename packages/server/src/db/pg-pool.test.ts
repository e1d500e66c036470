import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundedPool, DbTimeoutError, serverStatementTimeout } from './pg-pool';

/** A pool whose server never answers (frozen), recording how its client was released. */
function frozenPool() {
  const released: unknown[] = [];
  const client = {
    query: () => new Promise(() => undefined),
    release: (error?: unknown) => void released.push(error),
  } as unknown as pg.PoolClient;
  const pool = { connect: async () => client, end: async () => undefined } as unknown as pg.Pool;
  return { pool, released };
}

describe('bounded PostgreSQL statements', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('R54: a statement to a server that answers nothing fails at DB_TIMEOUT_MS, not later, and its connection is destroyed', async () => {
    vi.useFakeTimers();
    const { pool, released } = frozenPool();
    const bounded = await boundedPool(pool, 2_000).connect();
    let outcome: unknown = 'pending';
    bounded.query('SELECT 1', []).then(
      () => (outcome = 'answered'),
      (error: unknown) => (outcome = error),
    );
    await vi.advanceTimersByTimeAsync(1_999);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBeInstanceOf(DbTimeoutError);
    // The next statement on it (Kysely's ROLLBACK) fails at once instead of waiting again.
    await expect(bounded.query('ROLLBACK', [])).rejects.toBeInstanceOf(DbTimeoutError);
    bounded.release();
    expect(released).toEqual([outcome]);
  });

  it("R54: the server cancels a slow statement before this side's limit, so a slow answer keeps its connection", () => {
    expect(serverStatementTimeout(5_000)).toBe(4_000);
    expect(serverStatementTimeout(2_000)).toBe(1_500);
    expect(serverStatementTimeout(400)).toBe(300);
  });
});
