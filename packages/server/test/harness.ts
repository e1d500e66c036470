import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Clock } from '../src/clock';
import { loadConfig } from '../src/config';
import type { Db } from '../src/db';
import { unscoped } from '../src/db/unscoped';
import { startServer, type RunningServer } from '../src/main';
import type { PracticeFixture } from '../src/modules/practices/fixture';
import { seedPractice } from '../src/modules/practices/seed-practice';
import { TestClient } from './client';

/** Which database this run uses: the vitest project sets CONFIDE_TEST_DB. */
export const testDb: 'sqlite' | 'postgres' = process.env.CONFIDE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestServer extends RunningServer {
  dataDir: string;
  databaseUrl: string | null;
  /**
   * The database as a test looks at it: every practice at once, past the practice-scope check
   * (a test counts or alters rows wherever they are; the server itself uses `ctx.db`).
   */
  db: Db;
  /** Seeds a practice exactly as `confide seed` does. */
  seed(fixture: PracticeFixture): Promise<{ practiceId: string; ids: Record<string, string> }>;
  /** A new, signed-out browser-like client. */
  client(): TestClient;
}

let databaseCounter = 0;

/**
 * Creates a database on the run's throwaway PostgreSQL cluster and returns its URL: empty, or with
 * `migrated`, a copy of the run's migrated template (global-setup.ts).
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<string> {
  const adminUrl = inject('pgUrl');
  const name = `t_${process.pid}_${Date.now()}_${(databaseCounter += 1)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${options.migrated ? ` TEMPLATE ${inject('pgTemplate')}` : ''}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** Puts a copy of the run's migrated SQLite file (sqlite-template.ts) where the server will open its database. */
function copySqliteTemplate(dataDir: string): void {
  copyFileSync(inject('sqliteTemplate'), join(dataDir, 'confide.db'));
}

/**
 * Starts the real server on a random port, on SQLite or PostgreSQL, with a fresh data directory.
 * Its database starts as a copy of the run's migrated template (unless the test brings its own
 * data folder or database), so the server's migration step finds the schema up to date.
 */
export async function startTestServer(env: Record<string, string> = {}, clock?: Clock): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'confide-test-'));
  const databaseUrl = testDb === 'postgres' ? await createTestDatabase({ migrated: true }) : null;
  if (testDb === 'sqlite' && env.DATA_DIR === undefined) copySqliteTemplate(dataDir);
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://confide.test',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const server = await startServer(config, clock);
  return {
    ...server,
    dataDir,
    databaseUrl,
    db: unscoped(server.ctx.db, 'tests'),
    seed: (fixture) => seedPractice(server.ctx, fixture),
    client: () => new TestClient(server.url),
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
