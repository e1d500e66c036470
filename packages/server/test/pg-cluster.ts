import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian keeps PostgreSQL's server programs, newest version first. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  url: string;
  stop(): void;
  /**
   * A restart for fault tests: `pg_ctl stop` with a shutdown mode (every connection is ended),
   * `downMs` with no server at all, then `pg_ctl start`. Resolves when it accepts connections again.
   */
  restart(mode: 'fast' | 'immediate', downMs: number): Promise<void>;
  /** Freezes the postmaster and every backend (SIGSTOP): connections stay open, nothing answers. */
  pause(): void;
  /** Undoes `pause()` (SIGCONT). */
  resume(): void;
}

/**
 * Starts a private, throwaway PostgreSQL cluster (initdb + pg_ctl) in a temporary directory on
 * a free loopback port. As root, the server runs as the `postgres` user, which PostgreSQL requires.
 * Tests run it with `fsync=off` (speed, nothing to keep); `durable: true` (the benchmark) keeps
 * PostgreSQL's own defaults: fsync on, synchronous_commit on, shared_buffers 128MB.
 */
export async function startPgCluster(options: { durable?: boolean } = {}): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) {
    throw new Error('PostgreSQL is not installed. Install it with: apt-get update && apt-get install -y postgresql');
  }
  const dir = mkdtempSync(join(tmpdir(), 'confide-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  };
  // The same, without blocking this process's event loop (the test keeps probing meanwhile).
  const runAsync = (program: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const command = asRoot ? 'runuser' : join(bin, program);
      const fullArgs = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
      execFile(command, fullArgs, (error, stdout, stderr) =>
        error ? reject(new Error(`${program} failed: ${stderr || stdout}`)) : resolve(),
      );
    });
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '-N']);
  const startArgs = [
    '-D',
    dataDir,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=300 ${
      options.durable
        ? '-c fsync=on -c synchronous_commit=on -c shared_buffers=128MB'
        : '-c fsync=off -c shared_buffers=64MB'
    }`,
    'start',
  ];
  run('pg_ctl', startArgs);
  let paused: number[] = [];
  const processes = () => {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    return [postmaster, ...children];
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async (mode, downMs) => {
      await runAsync('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await runAsync('pg_ctl', startArgs);
    },
    pause: () => {
      paused = processes();
      for (const pid of paused) process.kill(pid, 'SIGSTOP');
    },
    resume: () => {
      for (const pid of paused) process.kill(pid, 'SIGCONT');
      paused = [];
    },
    stop: () => {
      for (const pid of paused) process.kill(pid, 'SIGCONT');
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
