import { fileURLToPath } from 'node:url';
import { type LoadSpec, runLoad, runWorker, type Variant } from '../lib/load.ts';
import { authHeaders, loopWindow, PASSWORD, publishedPaths } from '../lib/product.ts';
import { alternate, checkLoad, pairedFigure, type Scenario, settle } from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';
import { median } from '../lib/stats.ts';
import { body1k } from './send.ts';

const hashWorker = fileURLToPath(new URL('../baselines/hashes.ts', import.meta.url));

/** 5. Sign-in: argon2id cost, sign-ins/s beside raw hashes/s, and a sign-in storm during sends. */
export const signIn: Scenario = {
  id: 5,
  name: 'Sign-in',
  async run(options) {
    const seconds = options.quick ? 1 : 3;
    const world = await getWorld(options);
    // Enough accounts that the per-account throttle (10 a minute) never answers for the server.
    const accounts = world.pool.length;
    {
      const { product, slug } = world;
      const logins: Variant[] = Array.from({ length: accounts }, (_, i) => ({
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ practice: slug, email: `pool${i}@bench.example`, password: PASSWORD }),
      }));
      let cursor = 0;
      // Each run takes the next slice of accounts, so no account is signed in to more than a few times.
      const loginSpec = (connections: number, duration: number): LoadSpec => {
        const slice = logins.slice(cursor % accounts).concat(logins.slice(0, cursor % accounts));
        cursor += Math.ceil(accounts / 7);
        return { url: product.url, connections, duration, variants: slice };
      };
      const raw = await alternate(
        options.pairs,
        () =>
          runWorker<{ singleMs: number; perSecond: number }>(
            hashWorker,
            { seconds, concurrency: 4, singles: options.quick ? 3 : 10 },
            120_000,
          ),
        async () => {
          const single = checkLoad(await runLoad(loginSpec(1, seconds)), 'sign-in, one at a time');
          await settle();
          const many = checkLoad(await runLoad(loginSpec(8, seconds)), 'sign-in, 8 at a time');
          await settle();
          return { singleMs: single.p50, perSecond: many.rps };
        },
      );
      const figures = [
        pairedFigure(
          'sign-in p50 vs one hash',
          'ms',
          raw.baseline.map((b) => b.singleMs),
          raw.product.map((p) => p.singleMs),
          { text: '≤ hash + 3 ms', met: (_r, p, b) => p <= b + 3 },
        ),
        pairedFigure(
          'sign-ins/s vs raw hashes/s',
          'per s',
          raw.baseline.map((b) => b.perSecond),
          raw.product.map((p) => p.perSecond),
        ),
      ];
      const notes: string[] = [];

      // The storm: sends alone, then sends while 16 connections sign in; share of throughput kept.
      const paths = await publishedPaths(product.url);
      if (!paths.has('POST /api/threads/{id}/messages')) {
        notes.push('storm during sends skipped: endpoint not available (POST /api/threads/:id/messages)');
        return { figures, notes, pairs: options.pairs };
      }
      const member = world.pool[4 % world.pool.length]!;
      const sender = world.staff[member.providerKey]!;
      const sends: LoadSpec = {
        url: product.url,
        connections: 4,
        duration: seconds,
        variants: [
          {
            method: 'POST',
            path: `/api/threads/${member.threadId}/messages`,
            headers: authHeaders(sender),
            body: JSON.stringify({ body: body1k }),
          },
        ],
      };
      const storm = await alternate(
        options.pairs,
        async () => {
          await loopWindow(product);
          const alone = checkLoad(await runLoad(sends), 'sends alone');
          const loop = await loopWindow(product);
          await settle();
          return { rps: alone.rps, loopP99: loop.p99 };
        },
        async () => {
          await loopWindow(product);
          const [during] = await Promise.all([runLoad(sends), runLoad(loginSpec(16, seconds))]);
          const loop = await loopWindow(product);
          checkLoad(during, 'sends during the storm', { mayStarve: true });
          await settle();
          return { rps: during.rps, loopP99: loop.p99 };
        },
      );
      figures.push(
        pairedFigure(
          'sends/s during storm vs alone',
          'per s',
          storm.baseline.map((s) => s.rps),
          storm.product.map((s) => s.rps),
          { text: '≥ 0.5', met: (r) => r >= 0.5 },
        ),
        {
          name: 'event-loop delay p99 in storm',
          unit: 'ms',
          product: median(storm.product.map((s) => s.loopP99)),
          baseline: median(storm.baseline.map((s) => s.loopP99)),
          target: '≤ 20 ms',
          met: median(storm.product.map((s) => s.loopP99)) <= 20,
        },
      );
      notes.push('storm: baseline column = the same sends without the storm');
      return { figures, notes, pairs: options.pairs };
    }
  },
};
