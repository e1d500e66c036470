import { type LoadSpec, runLoad } from '../lib/load.ts';
import { authHeaders, publishedPaths } from '../lib/product.ts';
import {
  alternate,
  checkLoad,
  latencyFigures,
  pairedFigure,
  type Scenario,
  settle,
  Skip,
  startBaseline,
} from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';

export const body1k = 'Checking in about next week. '.repeat(36).slice(0, 1024);

/** 1. Send: an authenticated reply (the whole transaction) beside a bare parse-and-insert. */
export const send: Scenario = {
  id: 1,
  name: 'Send',
  async run(options) {
    const world = await getWorld(options);
    const { product } = world;
    const paths = await publishedPaths(product.url);
    if (!paths.has('POST /api/threads/{id}/messages'))
      throw new Skip('endpoint not available (POST /api/threads/:id/messages)');
    const baseline = await startBaseline('insert', world.store.env);
    try {
      // Four providers, each replying in a thread with one of their clients.
      const threads = world.pool
        .slice(0, 4)
        .map((m) => ({ session: world.staff[m.providerKey]!, threadId: m.threadId }));
      const seconds = options.quick ? 1 : 5;
      const connections = options.quick ? 4 : 8;
      const body = JSON.stringify({ body: body1k });
      const productSpec: LoadSpec = {
        url: product.url,
        connections,
        duration: seconds,
        variants: threads.map((t) => ({
          method: 'POST',
          path: `/api/threads/${t.threadId}/messages`,
          headers: authHeaders(t.session),
          body,
        })),
      };
      const baselineSpec: LoadSpec = {
        url: baseline.url,
        connections,
        duration: seconds,
        variants: threads.map((t) => ({
          method: 'POST',
          path: `/threads/${t.threadId}/messages`,
          headers: { 'content-type': 'application/json' },
          body,
        })),
      };
      // A short warm-up of each, so JIT and caches are not measured.
      if (!options.quick) {
        await runLoad({ ...baselineSpec, duration: 1 });
        await runLoad({ ...productSpec, duration: 1 });
      }
      const runs = await alternate(
        options.pairs,
        async () => {
          const r = checkLoad(await runLoad(baselineSpec), 'bare insert');
          await settle();
          return r;
        },
        async () => {
          const r = checkLoad(await runLoad(productSpec), 'send');
          await settle();
          return r;
        },
      );
      const b = runs.baseline;
      const p = runs.product;
      return {
        pairs: options.pairs,
        notes: [`${connections} connections, 1 KiB bodies, 4 threads`],
        figures: [
          pairedFigure(
            'requests/s',
            'per s',
            b.map((r) => r.rps),
            p.map((r) => r.rps),
            { text: '≥ 0.5 (never < 0.35)', met: (r) => r >= 0.5 },
          ),
          ...latencyFigures('', b, p, { text: '≤ 1.5', met: (r) => r <= 1.5 }),
        ],
      };
    } finally {
      await baseline.stop();
    }
  },
};
