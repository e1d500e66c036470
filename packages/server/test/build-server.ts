import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest global setup: tests that start the real `confide` command run the built bundle, so it is
 * rebuilt first whenever a source file is newer (a no-op otherwise).
 */
export default function buildServer(): void {
  const script = join(import.meta.dirname, '../../../scripts/build-server.mjs');
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building the server failed (exit ${result.status ?? result.signal})`);
}
