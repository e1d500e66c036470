import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { aspen, birch, brook, cedar, harbor, maple, riverside, willow } from './fixture';

const root = resolve(import.meta.dirname, '../../..');
const webDir = join(root, 'packages/web');
const cli = join(root, 'packages/server/bin/confide.js');

/** Newest modification time under a folder (skipping node_modules). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function buildWebIfStale(): void {
  let builtAt = 0;
  try {
    builtAt = statSync(join(webDir, 'dist/index.html')).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const sourcesAt = Math.max(newest(join(webDir, 'src')), newest(join(root, 'packages/api/src')));
  if (builtAt > sourcesAt) return;
  const result = spawnSync('npm', ['run', 'build', '-w', '@confide/web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed');
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function seed(env: NodeJS.ProcessEnv, dataDir: string, name: string, fixture: unknown) {
  const file = join(dataDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(fixture));
  const result = spawnSync(process.execPath, [cli, 'seed', '--file', file], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`seeding ${name} failed: ${result.stderr}`);
  const line = result.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as { practiceId: string; ids: Record<string, string> };
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error('the server exited during start-up');
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('the server did not start within 60 s');
}

/** Builds the app if needed, seeds the practices, starts `confide serve`; returns the teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  buildWebIfStale();
  // The server runs as shipped: the esbuild bundle, rebuilt when a source is newer.
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the server failed');
  const dataDir = mkdtempSync(join(tmpdir(), 'confide-e2e-'));
  const port = await freePort();
  // localhost, not 127.0.0.1: WebAuthn takes a domain as its relying party, never an address (R53).
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  delete env.SMTP_URL;
  delete env.DATABASE_URL;
  const seeded = {
    riverside: seed(env, dataDir, 'riverside', riverside),
    harbor: seed(env, dataDir, 'harbor', harbor),
    brook: seed(env, dataDir, 'brook', brook),
    willow: seed(env, dataDir, 'willow', willow),
    cedar: seed(env, dataDir, 'cedar', cedar),
    aspen: seed(env, dataDir, 'aspen', aspen),
    maple: seed(env, dataDir, 'maple', maple),
    birch: seed(env, dataDir, 'birch', birch),
  };
  const seedFile = join(dataDir, 'seeded.json');
  writeFileSync(seedFile, JSON.stringify(seeded));
  mkdirSync(join(root, 'docs/screenshots'), { recursive: true });

  const server = spawn(process.execPath, [cli, 'serve'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  await waitForHealth(`http://127.0.0.1:${port}`, server);
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_SEED_FILE = seedFile;
  // The tests read the local mailbox file of the same DATA_DIR (what `confide mail` prints).
  process.env.E2E_DATA_DIR = dataDir;

  return async () => {
    server.kill('SIGTERM');
    await new Promise((done) => {
      if (server.exitCode !== null) return done(undefined);
      server.once('exit', done);
      setTimeout(done, 5000);
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
