import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest, openDatabase } from '../src/db';
import { startPgCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** A database migrated once for the whole run, copied for each test server (harness.ts). */
    pgTemplate: string;
  }
}

const TEMPLATE = 'confide_template';

/**
 * For the PostgreSQL run: one throwaway cluster for the whole run; each test file makes its own
 * database. Test servers start from a copy of one database migrated here (CREATE DATABASE …
 * TEMPLATE), so the migrations run once per run instead of once per file; the server's own
 * migration step then finds nothing to do. `createTestDatabase()` still gives an empty database
 * to the tests that migrate one themselves (the command line's `init` and `migrate`).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPgCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    } finally {
      await admin.end();
    }
    // No connection may stay open on a template while it is copied: the pool closes with the database.
    const template = openDatabase({ databaseUrl: cluster.url.replace(/\/postgres$/, `/${TEMPLATE}`), dataDir: '' });
    try {
      await migrateToLatest(template.db);
    } finally {
      await template.close();
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('pgUrl', cluster.url);
  project.provide('pgTemplate', TEMPLATE);
  return () => cluster.stop();
}
