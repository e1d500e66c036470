import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A server the bench started: its address, recent output and a way to stop it for sure. */
export interface Child {
  name: string;
  pid: number;
  url: string;
  output(): string;
  /** Resident memory in bytes, from /proc. */
  rss(): number;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

// Each child leads its own process group, so a kill reaches anything it started.
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Adds a child (e.g. a forked worker) to those killed when the bench ends. */
export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Kills every child still running (used on exit, however the bench ends). */
export function killAll(): void {
  for (const child of live) {
    killGroup(child, 'SIGKILL');
    child.kill('SIGKILL');
  }
  live.clear();
}
process.on('exit', killAll);

/**
 * Spawns a server and waits until `readyPath` answers 200. Fails with the child's output when
 * it exits early or is not ready within `timeoutMs`.
 */
export async function startChild(options: {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  timeoutMs?: number;
}): Promise<Child> {
  const proc = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(proc);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-16_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.once('exit', () => live.delete(proc));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`${options.name} exited before it was ready (${proc.exitCode ?? proc.signalCode}):\n${output}`);
    }
    if (Date.now() > deadline) {
      killGroup(proc, 'SIGKILL');
      throw new Error(`${options.name} was not ready within ${options.timeoutMs ?? 60_000} ms:\n${output}`);
    }
    try {
      const res = await fetch(url + options.readyPath, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const pid = proc.pid ?? 0;
  return {
    name: options.name,
    pid,
    url,
    output: () => output,
    rss: () => readRss(pid),
    alive: () => proc.exitCode === null && proc.signalCode === null,
    stop: async () => {
      killGroup(proc, 'SIGTERM');
      const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process in bytes (0 when it is gone). */
export function readRss(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, in seconds (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
/** USER_HZ: what /proc counts CPU time in on Linux. */
const CLOCK_TICKS = 100;

/** Runs a command to completion; resolves its stdout, rejects with its output on failure. */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(proc);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    proc.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-8000)));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      live.delete(proc);
      if (code === 0) resolve(stdout);
      else
        reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${stderr}${stdout.slice(-2000)}`));
    });
  });
}
