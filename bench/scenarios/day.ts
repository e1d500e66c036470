import { fileURLToPath } from 'node:url';
import type { DaySpec, DayStep } from '../lib/day-worker.ts';
import { runWorker } from '../lib/load.ts';
import { publishedPaths } from '../lib/product.ts';
import { type Scenario, Skip } from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';
import { round } from '../lib/stats.ts';
import { upgradeStatus } from './delivery.ts';

const worker = fileURLToPath(new URL('../lib/day-worker.ts', import.meta.url));

/** 6. A practice day: users ramped in steps until Mattermost's pass criteria break. */
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
    // every 30), 20 s per step. Quick: the pace sped up so a 2-second step sees traffic.
    const spec: DaySpec = options.quick
      ? {
          baseUrl: product.url,
          users: [],
          steps: [20, 40],
          stepSeconds: 2,
          readEvery: 2,
          sendEvery: 4,
          attachEvery: 8,
          attachmentBytes: 50_000,
        }
      : {
          baseUrl: product.url,
          users: [],
          steps: [1000, 2000, 3000, 4500, 6000],
          stepSeconds: 15,
          readEvery: 60,
          sendEvery: 180,
          attachEvery: 1800,
          attachmentBytes: 200_000,
        };
    if (!withFiles) spec.attachEvery = 0;
    spec.users = world.pool.map((m) => ({
      cookie: m.session.cookie,
      csrfToken: m.session.csrfToken,
      threadId: m.threadId,
    }));
    spec.steps = spec.steps.filter((s) => s <= spec.users.length);
    const steps = await runWorker<DayStep[]>(worker, spec, (spec.steps.length * (spec.stepSeconds + 60) + 60) * 1000);
    const held = steps.filter((s) => s.passed).reduce((m, s) => Math.max(m, s.users), 0);
    const last = steps[steps.length - 1];
    const allPassed = steps.length === spec.steps.length && steps.every((s) => s.passed);
    return {
      pairs: 1,
      figures: [
        {
          name: allPassed ? 'concurrent users held (ramp ceiling; more not tried)' : 'concurrent users held',
          unit: 'users',
          product: held,
          target: '≥ 5000',
          met: held >= 5000,
        },
        { name: 'mean latency at the last step', unit: 'ms', product: last?.mean ?? Number.NaN, target: '≤ 100 ms' },
        { name: 'p99 at the last step', unit: 'ms', product: last?.p99 ?? Number.NaN, target: '≤ 2000 ms' },
      ],
      notes: [
        `pace: inbox every ${spec.readEvery} s, send every ${spec.sendEvery} s, file every ${spec.attachEvery || '—'} s; ${spec.stepSeconds} s per step`,
        `steps: ${steps
          .map(
            (s) =>
              `${s.users} users ${s.passed ? 'pass' : 'FAIL'} (${s.requests} req, ${s.failures} failed, mean ${round(s.mean)} ms, p99 ${round(s.p99)} ms, ws dropped ${s.wsDropped})`,
          )
          .join('; ')}`,
      ],
    };
  },
};
