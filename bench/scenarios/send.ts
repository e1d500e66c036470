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
import { getWorld, type World } from '../lib/setup.ts';
import { median } from '../lib/stats.ts';

export const body1k = 'Checking in about next week. '.repeat(36).slice(0, 1024);

/** Four providers, each replying in a thread with one of their clients: the product's send load. */
export function productSendSpec(world: World, connections: number, seconds: number): LoadSpec {
  const body = JSON.stringify({ body: body1k });
  return {
    url: world.product.url,
    connections,
    duration: seconds,
    variants: world.pool.slice(0, 4).map((m) => ({
      method: 'POST',
      path: `/api/threads/${m.threadId}/messages`,
      headers: authHeaders(world.staff[m.providerKey]!),
      body,
    })),
  };
}

/** What the bare insert baseline is on this run's database, for the notes. */
export function bareInsert(pgUrl: string | null): string {
  return pgUrl
    ? 'bare Fastify + pg.Pool (10 connections, as the product) insert into the same PostgreSQL cluster (fsync on, synchronous_commit on)'
    : 'bare Fastify + better-sqlite3 insert (WAL, synchronous=FULL)';
}

/** The product's sends/s as scenario 1 measured it in this run (the median of its runs), if it ran. */
let measuredCapacity: number | null = null;

/**
 * The product's send capacity in this run: scenario 1's figure when it ran, otherwise a short
 * probe of the same send path (same threads, bodies and connections).
 */
export async function sendCapacity(world: World, quick: boolean): Promise<{ rps: number; source: string }> {
  if (measuredCapacity !== null) return { rps: measuredCapacity, source: 'scenario 1 (median of its runs)' };
  const seconds = quick ? 1 : 3;
  const connections = quick ? 4 : 8;
  const spec = productSendSpec(world, connections, seconds);
  if (!quick) await runLoad({ ...spec, duration: 1 });
  const probe = checkLoad(await runLoad(spec), 'send capacity probe');
  await settle();
  return { rps: probe.rps, source: `a ${seconds} s probe of the send path, ${connections} connections` };
}

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
      const seconds = options.quick ? 1 : 5;
      const connections = options.quick ? 4 : 8;
      const body = JSON.stringify({ body: body1k });
      const productSpec = productSendSpec(world, connections, seconds);
      const baselineSpec: LoadSpec = {
        url: baseline.url,
        connections,
        duration: seconds,
        variants: world.pool.slice(0, 4).map((m) => ({
          method: 'POST',
          path: `/threads/${m.threadId}/messages`,
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
      measuredCapacity = median(p.map((r) => r.rps));
      return {
        pairs: options.pairs,
        notes: [`${connections} connections, 1 KiB bodies, 4 threads; baseline: ${bareInsert(options.pgUrl)}`],
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
