import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/** One insert of a message row: the only durable work the bare baselines do. */
export interface Inserter {
  insert(id: string, threadId: string, body: string): Promise<void>;
}

/**
 * The baselines' storage, at the product's durability: SQLite in WAL with synchronous=FULL and
 * checkpoints on a timer (as the product opens it), or a PostgreSQL table when DATABASE_URL is set.
 */
export async function openInserter(): Promise<Inserter> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    await pool.query(
      'CREATE TABLE IF NOT EXISTS bare_messages (id text PRIMARY KEY, thread_id text NOT NULL, body text NOT NULL, created_at text NOT NULL)',
    );
    return {
      insert: async (id, threadId, body) => {
        await pool.query('INSERT INTO bare_messages (id, thread_id, body, created_at) VALUES ($1, $2, $3, $4)', [
          id,
          threadId,
          body,
          new Date().toISOString(),
        ]);
      },
    };
  }
  const sqlite = new SqliteDatabase(join(process.env.DATA_DIR ?? '.', 'baseline.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('wal_autocheckpoint = 0');
  setInterval(() => sqlite.pragma('wal_checkpoint(PASSIVE)'), 1000).unref();
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS bare_messages (id text PRIMARY KEY, thread_id text NOT NULL, body text NOT NULL, created_at text NOT NULL)',
  );
  const statement = sqlite.prepare('INSERT INTO bare_messages (id, thread_id, body, created_at) VALUES (?, ?, ?, ?)');
  return {
    insert: async (id, threadId, body) => {
      statement.run(id, threadId, body, new Date().toISOString());
    },
  };
}
