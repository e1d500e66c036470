import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../src/clock';
import { loadConfig } from '../src/config';
import { unscoped } from '../src/db/unscoped';
import { startServer } from '../src/main';
import { TestClient } from './client';
import type { TestServer } from './harness';

/**
 * A second app node on the same PostgreSQL database and master key as `primary` (SPEC §5): its
 * own process state (event bus, mail worker, data directory), shared data.
 */
export async function startPeerServer(
  primary: TestServer,
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<TestServer> {
  if (!primary.databaseUrl) throw new Error('a peer node needs PostgreSQL');
  const dataDir = mkdtempSync(join(tmpdir(), 'confide-peer-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://confide.test',
    DATABASE_URL: primary.databaseUrl,
    MASTER_KEY_FILE: join(primary.dataDir, 'master.key'),
    ...env,
  });
  const server = await startServer(config, clock);
  return {
    ...server,
    dataDir,
    databaseUrl: primary.databaseUrl,
    db: unscoped(server.ctx.db, 'tests'),
    seed: (fixture) => primary.seed(fixture),
    client: () => new TestClient(server.url),
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
