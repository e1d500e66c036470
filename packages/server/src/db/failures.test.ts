import { describe, expect, it } from 'vitest';
import { dependencyFailure } from './failures';
import { DbTimeoutError } from './pg-pool';

describe('dependencyFailure (R54)', () => {
  it('R54: a database restarting, refusing, resetting or timing out is "unavailable" (503)', () => {
    for (const code of ['57P01', '57P03', '57014', '08006', 'ECONNREFUSED', 'ECONNRESET', 'SQLITE_BUSY']) {
      expect(dependencyFailure(Object.assign(new Error('x'), { code }))).toBe('unavailable');
    }
    expect(dependencyFailure(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(dependencyFailure(new Error('timeout exceeded when trying to connect'))).toBe('unavailable');
    expect(dependencyFailure(new DbTimeoutError())).toBe('unavailable');
  });

  it('R54: a full disk, on either database or for files, is "storage_full" (507), also when wrapped', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']) {
      expect(dependencyFailure(Object.assign(new Error('x'), { code }))).toBe('storage_full');
    }
    expect(
      dependencyFailure(new Error('upload failed', { cause: Object.assign(new Error(), { code: 'ENOSPC' }) })),
    ).toBe('storage_full');
  });

  it('R54: anything else (a bug, a constraint) is neither: it stays a 500', () => {
    expect(dependencyFailure(new TypeError('undefined is not a function'))).toBeNull();
    expect(dependencyFailure(Object.assign(new Error('dup'), { code: '23505' }))).toBeNull();
    expect(dependencyFailure(Object.assign(new Error('c'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBeNull();
    expect(dependencyFailure(null)).toBeNull();
  });
});
