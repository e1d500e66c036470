import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../../packages/server/test/pg-cluster.ts';
import { type Child, runCommand, startChild } from './children.ts';
import type { SeedAnswer, SeedRequest } from './seed-direct.ts';

export const root = resolve(import.meta.dirname, '../..');
export const PASSWORD = 'bench-Correct-Horse-42';
const bin = join(root, 'packages/server/bin/confide.js');
const probe = join(root, 'bench/lib/loop-probe.mjs');

/** The practice every scenario starts from: 4 providers, front office, 4 clients (no MFA). */
export function benchFixture(slug: string) {
  const staff = [
    {
      key: 'admin',
      name: 'Ada Admin',
      email: 'admin@bench.example',
      password: PASSWORD,
      role: 'front_office',
      admin: true,
    },
    { key: 'fo', name: 'Frank Front', email: 'fo@bench.example', password: PASSWORD, role: 'front_office' },
    ...[1, 2, 3, 4].map((n) => ({
      key: `p${n}`,
      name: `Provider ${n}`,
      email: `p${n}@bench.example`,
      password: PASSWORD,
      role: 'provider',
    })),
  ];
  const clients = [1, 2, 3, 4].map((n) => ({
    key: `c${n}`,
    name: `Client ${n}`,
    email: `c${n}@bench.example`,
    password: PASSWORD,
    status: 'active',
    portal: true,
    providers: [{ key: `p${n}`, status: 'current' }],
  }));
  // A full run outlasts the default 15-minute idle timeout (R29): the sessions minted at its start must last it.
  const settings = { requireStaffMfa: false, idleTimeoutMinutes: 720 };
  return { practice: { slug, name: 'Bench Practice', settings }, staff, clients };
}

/** Where the product keeps its data: a temp dir, and on PostgreSQL a fresh database. */
export interface Store {
  dataDir: string;
  env: Record<string, string>;
  dispose(): Promise<void>;
}

let databases = 0;
/** A fresh, empty store for one product instance. */
export async function newStore(pgUrl: string | null): Promise<Store> {
  const dataDir = mkdtempSync(join(tmpdir(), 'confide-bench-'));
  mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  let dbName: string | null = null;
  if (pgUrl) {
    databases += 1;
    dbName = `bench_${process.pid}_${databases}`;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${dbName}`);
    await client.end();
    env.DATABASE_URL = pgUrl.replace(/\/[^/]*$/, `/${dbName}`);
  }
  return {
    dataDir,
    env,
    dispose: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (pgUrl && dbName) {
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await client.end();
      }
    },
  };
}

/** `confide seed --file` with the bench fixture; answers the practice id and the people's ids. */
export async function seedPractice(
  store: Store,
  slug: string,
): Promise<{ practiceId: string; ids: Record<string, string> }> {
  const file = join(store.dataDir, 'fixture.json');
  writeFileSync(file, JSON.stringify(benchFixture(slug)));
  const out = await runCommand(process.execPath, [bin, 'seed', '--file', file], store.env);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { practiceId: string; ids: Record<string, string> };
}

/** Bulk clients, sessions and mailboxes, written by a child process straight into the database. */
export async function seedDirect(store: Store, request: SeedRequest): Promise<SeedAnswer> {
  const file = join(store.dataDir, 'seed-request.json');
  writeFileSync(file, JSON.stringify(request));
  const out = await runCommand(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/lib/seed-direct.ts'), file],
    store.env,
    // The 100,000-message mailbox with its search index takes minutes on a busy 2-core machine.
    900_000,
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as SeedAnswer;
}

export interface Product extends Child {
  loopFile: string;
}

/** `confide serve` as a child process on a free port (optionally under `node --cpu-prof`). */
export async function startProduct(store: Store, options: { profileDir?: string } = {}): Promise<Product> {
  const port = await freePort();
  const loopFile = join(store.dataDir, 'loop.json');
  const args = ['--import', probe];
  if (options.profileDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
  args.push(bin, 'serve');
  const child = await startChild({
    name: 'confide serve',
    command: process.execPath,
    args,
    env: { ...store.env, PORT: String(port), BENCH_LOOP_FILE: loopFile },
    port,
    readyPath: '/api/health',
  });
  return { ...child, loopFile };
}

/** A signed-in session: the Cookie header and the CSRF token. */
export interface Session {
  userId: string;
  cookie: string;
  csrfToken: string;
}

/** Signs in through the API, as a browser would. */
export async function login(url: string, slug: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ practice: slug, email, password: PASSWORD }),
  });
  const body = (await res.json()) as { user?: { id: string }; csrfToken?: string };
  if (res.status !== 200 || !body.csrfToken || !body.user)
    throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { userId: body.user.id, cookie, csrfToken: body.csrfToken };
}

/** Headers of an authenticated JSON request. */
export function authHeaders(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
}

/** Calls the API; throws with the answer unless the status is the expected one. */
export async function api<T>(
  url: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  expect = 0,
): Promise<T> {
  const res = await fetch(url + path, {
    method,
    headers: authHeaders(session),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if ((expect && res.status !== expect) || (!expect && res.status >= 300)) {
    throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

/** Which API paths the running server publishes (from its OpenAPI document). */
export async function publishedPaths(url: string): Promise<Set<string>> {
  const res = await fetch(`${url}/api/openapi.json`);
  const doc = (await res.json()) as { paths?: Record<string, Record<string, unknown>> };
  const set = new Set<string>();
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const method of Object.keys(methods)) set.add(`${method.toUpperCase()} ${path}`);
  }
  return set;
}

/** Asks the loop probe for the event-loop delay since the last call (ms) and the server's RSS. */
export async function loopWindow(product: Product): Promise<{ p50: number; p99: number; max: number; rss: number }> {
  const { readFileSync, existsSync } = await import('node:fs');
  const before = existsSync(product.loopFile)
    ? (JSON.parse(readFileSync(product.loopFile, 'utf8')) as { window: number }).window
    : 0;
  process.kill(product.pid, 'SIGUSR2');
  for (let i = 0; i < 100; i += 1) {
    await new Promise((r) => setTimeout(r, 20));
    try {
      const figures = JSON.parse(readFileSync(product.loopFile, 'utf8')) as {
        window: number;
        p50: number;
        p99: number;
        max: number;
        rss: number;
      };
      if (figures.window > before) return figures;
    } catch {
      /* being written */
    }
  }
  throw new Error('the event-loop probe did not answer');
}
