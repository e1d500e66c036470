import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

describe('statement cache', () => {
  const open = (size?: number) => {
    const sqlite = new SqliteDatabase(':memory:');
    sqlite.exec('create table t (n integer)');
    sqlite.exec('insert into t values (1), (2), (3)');
    return withStatementCache(sqlite, { size });
  };

  it('hands out one prepared statement per SQL string', () => {
    const db = open();
    const a = db.prepare('select n from t');
    expect(db.prepare('select n from t')).toBe(a);
    expect(db.prepare('select n from t where n > ?')).not.toBe(a);
    expect(a.all([])).toHaveLength(3);
    db.close();
  });

  it('forgets the least recently used statement beyond its size', () => {
    const db = open(2);
    const first = db.prepare('select 1');
    const second = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(first);
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(first);
    expect(db.prepare('select 2')).not.toBe(second);
    db.close();
  });

  it('prepares afresh while the cached statement is still iterating', () => {
    const db = open();
    const streaming = db.prepare('select n from t order by n');
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const other = db.prepare('select n from t order by n');
    expect(other).not.toBe(streaming);
    expect(other.all([])).toHaveLength(3);
    rows.return?.();
    expect(db.prepare('select n from t order by n')).toBe(streaming);
    db.close();
  });
});
