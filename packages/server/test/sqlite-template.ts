import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateToLatest, openDatabase } from '../src/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A SQLite file migrated once for the whole run, copied into each test server's data folder (harness.ts). */
    sqliteTemplate: string;
  }
}

/**
 * For the SQLite run: the migrations run once here, into a file each test server starts from a
 * copy of (its own migration step then finds nothing to do), instead of once per test file with
 * a synchronous commit per step. Closing the database checkpoints its write-ahead log into the file.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'confide-template-'));
  const template = openDatabase({ databaseUrl: null, dataDir: dir });
  try {
    await migrateToLatest(template.db);
  } finally {
    await template.close();
  }
  project.provide('sqliteTemplate', join(dir, 'confide.db'));
  return () => rmSync(dir, { recursive: true, force: true });
}
