import { fork } from 'node:child_process';
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

/** Forks a TypeScript worker, sends it one message and resolves its one answer. */
export function runWorker<T>(path: string, message: unknown, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(path, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new Error(`load worker ${path} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error: Error | null, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value as T);
    };
    child.once('message', (answer: { ok: true; value: T } | { ok: false; error: string }) => {
      if (answer.ok) finish(null, answer.value);
      else finish(new Error(answer.error));
      child.kill();
    });
    child.once('exit', (code) => finish(new Error(`load worker exited (${code}) without an answer`)));
    child.send(message as object);
  });
}
