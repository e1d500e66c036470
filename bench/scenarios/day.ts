import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpuSeconds } from '../lib/children.ts';
import type { DayCommand, DayPace, DayWindow } from '../lib/day-worker.ts';
import { startWorker, type Worker } from '../lib/load.ts';
import { publishedPaths } from '../lib/product.ts';
import { type Scenario, Skip } from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';
import { percentile, round } from '../lib/stats.ts';
import { upgradeStatus } from './delivery.ts';

/** The soft "Max open files" limit of a process, from /proc. */
function openFileLimit(pid: number): string {
  try {
    return /Max open files\s+(\S+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const workerPath = fileURLToPath(new URL('../lib/day-worker.ts', import.meta.url));

/** One step of the ramp, judged by Mattermost's pass criteria. */
export interface DayStep {
  users: number;
  online: number;
  joinSeconds: number;
  requests: number;
  failures: number;
  failureShare: number;
  mean: number;
  p99: number;
  wsDropped: number;
  connectFailures: number;
  /** cores the load generator's processes used during the window (of the machine's 2) */
  loadCores: number;
  /** cores the server used during the window */
  serverCores: number;
  passed: boolean;
  /** the criteria that broke */
  broke: string[];
}

/** Mattermost's criteria: failures ≤ 0.025%, mean ≤ 100 ms, p99 ≤ 2 s, no dropped sockets. */
function judge(step: Omit<DayStep, 'passed' | 'broke'>): string[] {
  const broke: string[] = [];
  if (step.failureShare > 0.00025) broke.push(`failures ${round(step.failureShare * 100)}% > 0.025%`);
  if (step.mean > 100) broke.push(`mean ${round(step.mean)} ms > 100 ms`);
  if (step.requests > 0 && step.p99 > 2000) broke.push(`p99 ${round(step.p99)} ms > 2000 ms`);
  if (step.wsDropped > 0) broke.push(`${step.wsDropped} sockets dropped`);
  if (step.connectFailures > 0) broke.push(`${step.connectFailures} sockets failed to connect`);
  return broke;
}

/**
 * 6. A practice day: users come online in steps until one of Mattermost's pass criteria breaks.
 * A coarse ramp finds the first step that fails; two halving steps between the last pass and that
 * failure then narrow the ceiling. The users are split over several load-generator processes,
 * each leaving from its own loopback address, and their CPU is reported beside the server's.
 */
export const day: Scenario = {
  id: 6,
  name: 'A practice day',
  async run(options) {
    const world = await getWorld(options);
    const { product } = world;
    const paths = await publishedPaths(product.url);
    if (!paths.has('POST /api/threads/{id}/messages') || !paths.has('GET /api/threads')) {
      throw new Skip('endpoint not available (threads)');
    }
    if ((await upgradeStatus(`${product.url.replace('http', 'ws')}/api/events`, world.reader.cookie)) === 404) {
      throw new Skip('endpoint not available (GET /api/events)');
    }
    const withFiles = paths.has('POST /api/attachments');
    // Full run: a real day's pace per user (inbox every minute, a send every 3 minutes, a file
    // every 30). Quick: the pace sped up so a 2-second step sees traffic.
    const quick = options.quick;
    const pace: DayPace = quick
      ? { baseUrl: product.url, readEvery: 2, sendEvery: 4, attachEvery: 8, attachmentBytes: 50_000 }
      : { baseUrl: product.url, readEvery: 60, sendEvery: 180, attachEvery: 1800, attachmentBytes: 200_000 };
    if (!withFiles) pace.attachEvery = 0;
    const stepSeconds = quick ? 2 : 10;
    const halvings = quick ? 1 : 2;
    const grain = quick ? 5 : 250;
    const users = world.pool.map((m) => ({
      cookie: m.session.cookie,
      csrfToken: m.session.csrfToken,
      threadId: m.threadId,
    }));
    const coarse = (quick ? [20, 40] : [2000, 4000, 8000, 12_000, 16_000]).filter((n) => n <= users.length);

    const workerCount = quick ? 1 : 2;
    const workers: Worker[] = Array.from({ length: workerCount }, () => startWorker(workerPath));
    const timeout = (seconds: number) => (seconds + 120) * 1000;
    const all = <T>(command: (i: number) => DayCommand, seconds: number) =>
      Promise.all(workers.map((w, i) => w.call<T>(command(i), timeout(seconds))));
    try {
      // User k goes to worker k mod n, so every worker holds its share of any step.
      await all(
        (i) => ({
          op: 'start',
          pace: { ...pace, localAddress: `127.0.0.${2 + i}` },
          users: users.filter((_, k) => k % workerCount === i),
        }),
        0,
      );
      const steps: DayStep[] = [];
      const runStep = async (target: number, recover: boolean): Promise<DayStep> => {
        const t0 = performance.now();
        await all(
          (i) => ({ op: 'online', count: Math.floor(target / workerCount) + (i < target % workerCount ? 1 : 0) }),
          120,
        );
        const joinSeconds = (performance.now() - t0) / 1000;
        // After a failed step, let the server answer its backlog (up to 60 s), then 2 s more,
        // before measuring fewer users.
        if (recover) {
          await all(() => ({ op: 'drain', maxSeconds: 60 }), 60);
          await new Promise((r) => setTimeout(r, 2000));
        }
        const cpu0 = workers.reduce((s, w) => s + cpuSeconds(w.pid), 0);
        const server0 = cpuSeconds(product.pid);
        const w0 = performance.now();
        const windows = await all<DayWindow>(() => ({ op: 'window', seconds: stepSeconds }), stepSeconds);
        const elapsed = (performance.now() - w0) / 1000;
        const cpu1 = workers.reduce((s, w) => s + cpuSeconds(w.pid), 0);
        const server1 = cpuSeconds(product.pid);
        const latencies = windows.flatMap((w) => w.latencies);
        const sum = (f: (w: DayWindow) => number) => windows.reduce((s, w) => s + f(w), 0);
        const requests = latencies.length;
        const failures = sum((w) => w.failures);
        const measured = {
          users: target,
          online: sum((w) => w.online),
          joinSeconds,
          requests,
          failures,
          failureShare: requests ? failures / requests : 0,
          mean: requests ? latencies.reduce((s, v) => s + v, 0) / requests : 0,
          p99: percentile(latencies, 99),
          wsDropped: sum((w) => w.wsDropped),
          connectFailures: sum((w) => w.connectFailures),
          loadCores: (cpu1 - cpu0) / elapsed,
          serverCores: (server1 - server0) / elapsed,
        };
        const broke = judge(measured);
        const step = { ...measured, passed: broke.length === 0, broke };
        steps.push(step);
        process.stdout.write(
          `  ${target} users: ${step.passed ? 'pass' : `FAIL (${broke.join(', ')})`}, ${requests} req, mean ${round(step.mean)} ms, p99 ${round(step.p99)} ms, load generator ${round(step.loadCores)} cores, server ${round(step.serverCores)}\n`,
        );
        return step;
      };

      // The whole bench must stay within 15 minutes: on a machine too busy to bring crowds online
      // quickly, the ramp stops early and says so rather than overrun.
      const started = performance.now();
      const budgetSeconds = quick ? 60 : 300;
      let outOfTime = false;
      const timeLeft = () => {
        outOfTime = (performance.now() - started) / 1000 > budgetSeconds;
        return !outOfTime;
      };
      let passed = 0;
      let failed: number | null = null;
      for (const target of coarse) {
        if (!timeLeft()) break;
        if ((await runStep(target, false)).passed) passed = target;
        else {
          failed = target;
          break;
        }
      }
      for (let h = 0; failed !== null && h < halvings && timeLeft(); h += 1) {
        const mid = Math.round((passed + failed) / 2 / grain) * grain;
        if (mid <= passed || mid >= failed) break;
        const step = await runStep(mid, true);
        if (step.passed) passed = mid;
        else failed = mid;
      }
      await all(() => ({ op: 'stop' }), 0);

      const lastPass = steps.filter((s) => s.passed && s.users === passed).pop();
      const firstBreak = steps.filter((s) => !s.passed && s.users === failed).pop();
      const load = steps.map((s) => s.loadCores);
      return {
        pairs: 1,
        figures: [
          {
            name:
              failed === null ? 'concurrent users held (every step passed: ceiling above)' : 'concurrent users held',
            unit: 'users',
            product: passed,
            target: '≥ 10000',
            met: passed >= 10_000,
          },
          {
            name: 'first step that broke',
            unit: 'users',
            product: failed ?? Number.NaN,
          },
          {
            name: 'mean latency at the last passed step',
            unit: 'ms',
            product: lastPass?.mean ?? Number.NaN,
            target: '≤ 100 ms',
          },
          {
            name: 'p99 at the last passed step',
            unit: 'ms',
            product: lastPass?.p99 ?? Number.NaN,
            target: '≤ 2000 ms',
          },
          {
            name: 'load generator CPU at the last passed step',
            unit: 'cores',
            product: lastPass?.loadCores ?? Number.NaN,
          },
        ],
        notes: [
          `ceiling: ${passed} users passed${
            firstBreak
              ? `; ${firstBreak.users} broke: ${firstBreak.broke.join(', ')}`
              : outOfTime
                ? ''
                : `; every step passed, up to the top of the ramp (${coarse[coarse.length - 1]} of a pool of ${users.length})`
          }${outOfTime ? `; the ramp stopped at its ${budgetSeconds} s time budget (a busy machine)` : ''}`,
          `pace: inbox every ${pace.readEvery} s, send every ${pace.sendEvery} s, file every ${pace.attachEvery || '—'} s; ${stepSeconds} s per step; ramp ${coarse.join(' → ')}, then ${halvings} halving step(s) to ${grain}`,
          `open files allowed: server ${openFileLimit(product.pid)}, load generator ${openFileLimit(workers[0]!.pid)} (each user holds a socket on both sides); load-generator sockets leave from ${workers.map((_, i) => `127.0.0.${2 + i}`).join(', ')}, each its own ephemeral-port range`,
          `load generator: ${workerCount} process(es) on the same 2 cores as the server, ${round(Math.min(...load))}–${round(Math.max(...load))} cores during the windows`,
          `steps: ${steps
            .map(
              (s) =>
                `${s.users} users ${s.passed ? 'pass' : `FAIL (${s.broke.join(', ')})`} (${s.online} online, joined in ${round(s.joinSeconds)} s, ${s.requests} req, ${s.failures} failed, mean ${round(s.mean)} ms, p99 ${round(s.p99)} ms, load generator ${round(s.loadCores)} cores, server ${round(s.serverCores)} cores)`,
            )
            .join('; ')}`,
        ],
      };
    } finally {
      for (const w of workers) w.stop();
    }
  },
};
