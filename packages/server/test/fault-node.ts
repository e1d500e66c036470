import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from './cli';
import { standardPractice, uniqueSlug } from './fixtures';

const bin = join(import.meta.dirname, '../bin/confide.js');

/** A Confide server running as its own process (`confide serve`), so a test can kill it for real. */
export interface NodeProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** kill -9, then waits for the process to be gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean shutdown), then waits for the exit. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote (its log at LOG_LEVEL, errors). */
  output(): string;
}

/** The environment shared by every node of one fault scenario: its data directory or database, one master key. */
export function nodeEnv(
  options: { databaseUrl?: string; dataDir?: string } = {},
): Record<string, string> & { DATA_DIR: string } {
  return {
    DATA_DIR: options.dataDir ?? mkdtempSync(join(tmpdir(), 'confide-fault-')),
    MASTER_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'http://confide.test',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
}

/** Starts `confide serve` on a free port with `env` and waits until it listens. */
export async function startNode(env: Record<string, string>, dataDir?: string): Promise<NodeProcess> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the node did not start:\n${stderr}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the node exited while starting:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    exited,
    isRunning: () => running,
    kill9: async () => {
      if (running) child.kill('SIGKILL');
      await exited;
    },
    terminate: async () => {
      if (running) child.kill('SIGTERM');
      return exited;
    },
    output: () => stdout + stderr,
  };
}

/** Seeds the standard practice (with any settings) through `confide seed` (a separate process, like an operator would). */
export async function seedNode(
  env: Record<string, string>,
  settings: Parameters<typeof standardPractice>[1] = {},
): Promise<{ slug: string; practiceId: string; ids: Record<string, string> }> {
  const fixture = standardPractice(uniqueSlug('fault'), settings);
  const file = join(mkdtempSync(join(tmpdir(), 'confide-fixture-')), 'practice.json');
  writeFileSync(file, JSON.stringify(fixture));
  const result = await runCli(['seed', '--file', file], env);
  if (result.code !== 0) throw new Error(`seed failed: ${result.stderr}`);
  return {
    slug: fixture.practice.slug,
    ...(JSON.parse(result.stdout) as { practiceId: string; ids: Record<string, string> }),
  };
}

/** Creates an empty database on a cluster (its admin URL) and returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `f_${process.pid}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** Fetch that reports a refused or reset connection as status 0 instead of throwing. */
export async function probe(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; retryAfter: string | null; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
  } catch {
    return { status: 0, retryAfter: null, ms: Date.now() - started };
  }
}
