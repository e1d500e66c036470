// A separate process that runs autocannon for one LoadSpec and reports its figures over IPC.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { type LoadResult, type LoadSpec, serveWorker } from './load.ts';

serveWorker(run);

async function run(spec: LoadSpec): Promise<LoadResult> {
  const fileBody = spec.bodyFile ? readFileSync(spec.bodyFile) : undefined;
  let next = 0;
  const variants = spec.variants;
  const started = performance.now();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 5 }),
    timeout: spec.timeoutSeconds ?? 10,
    requests: [
      {
        setupRequest: (request) => {
          const variant = variants[next % variants.length];
          next += 1;
          return { ...request, ...variant, ...(fileBody ? { body: fileBody } : {}) };
        },
      },
    ],
  });
  // With a fixed amount autocannon's own clock ticks in whole seconds; the wall clock is truer.
  const seconds = spec.amount ? (performance.now() - started) / 1000 : result.duration;
  const statusCodes: Record<string, number> = {};
  let ok = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stat.count;
    if (code.startsWith('2')) ok += stat.count;
  }
  return {
    rps: seconds > 0 ? ok / seconds : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    total: result.requests.total,
    ok,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    seconds,
  };
}
