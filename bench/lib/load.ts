import { type ChildProcess, fork } from 'node:child_process';
import { track } from './children.ts';
import { fileURLToPath } from 'node:url';

/** One kind of request the load generator cycles through. */
export interface Variant {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What the load worker is asked to do: a closed loop of `connections` clients. */
export interface LoadSpec {
  url: string;
  connections: number;
  /** seconds; or `amount` requests in total */
  duration?: number;
  amount?: number;
  variants: Variant[];
  /** a file whose bytes are the body of every request (large multipart bodies) */
  bodyFile?: string;
  timeoutSeconds?: number;
}

/** The figures of one load run. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  total: number;
  ok: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  seconds: number;
}

const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** Runs autocannon in a separate process, so the load never shares the bench's event loop. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return runWorker<LoadResult>(worker, spec, ((spec.duration ?? 120) + 60) * 1000);
}

const idle = new Map<string, ChildProcess[]>();
let calls = 0;

/**
 * Sends one message to a TypeScript worker process and resolves its answer. Workers are kept
 * and reused (forking one through tsx costs about a second on a busy machine); runs in parallel
 * get a worker each.
 */
export function runWorker<T>(path: string, message: unknown, timeoutMs: number): Promise<T> {
  const pool = idle.get(path) ?? [];
  idle.set(path, pool);
  const child = pool.pop() ?? forkWorker(path);
  return callWorker<T>(child, path, message, timeoutMs).then((value) => {
    pool.push(child);
    return value;
  });
}

function forkWorker(path: string): ChildProcess {
  return track(fork(path, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

/** Sends one message to a worker and resolves its answer; a worker that fails or hangs is killed. */
function callWorker<T>(child: ChildProcess, path: string, message: unknown, timeoutMs: number): Promise<T> {
  calls += 1;
  const id = calls;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(value as T);
    };
    const onMessage = (answer: { id: number } & ({ ok: true; value: T } | { ok: false; error: string })) => {
      if (answer.id !== id) return;
      if (answer.ok) finish(null, answer.value);
      else finish(new Error(answer.error));
    };
    const onExit = (code: number | null) => finish(new Error(`worker ${path} exited (${code}) without an answer`));
    const timer = setTimeout(() => finish(new Error(`worker ${path} timed out after ${timeoutMs} ms`)), timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ id, message });
  });
}

/** A worker process of its own, for work that keeps state between calls (the practice day). */
export interface Worker {
  pid: number;
  call<T>(message: unknown, timeoutMs: number): Promise<T>;
  stop(): void;
}

/** Forks a dedicated worker (not shared through the pool `runWorker` keeps). */
export function startWorker(path: string): Worker {
  const child = forkWorker(path);
  return {
    pid: child.pid ?? 0,
    call: (message, timeoutMs) => callWorker(child, path, message, timeoutMs),
    stop: () => void child.kill('SIGKILL'),
  };
}

/** Answers requests from the bench in a worker process: `handler` runs once per message. */
export function serveWorker<M, T>(handler: (message: M) => Promise<T>): void {
  process.on('message', ({ id, message }: { id: number; message: M }) => {
    handler(message).then(
      (value) => process.send?.({ id, ok: true, value }),
      (error: unknown) =>
        process.send?.({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The bench going away takes its workers with it.
  process.on('disconnect', () => process.exit(0));
}
