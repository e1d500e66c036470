import { percentile } from '../lib/stats.ts';
import { authHeaders, publishedPaths } from '../lib/product.ts';
import { alternate, pairedFigure, type Scenario, Skip, startBaseline } from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';

/**
 * What the reader types, from every message to none: "hello" is in all 100,000 messages,
 * "medication" in 1 of 10, "code417" in 1 of 1,000, two words together, a subject word of every
 * thread, the name of the clients who wrote, and a word in none.
 */
const QUERIES = ['hello', 'medication', 'code417', 'medication code417', 'appointment', 'client', 'zebra'];

/** Times one GET, in ms; throws unless it answers 200. */
async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url.split('?')[0]} answered ${res.status}`);
  return performance.now() - start;
}

/** 7. Search: one person's 100,000 messages searched, one request at a time, beside a bare indexed lookup. */
export const search: Scenario = {
  id: 7,
  name: 'Search',
  async run(options) {
    const world = await getWorld(options);
    const { product, reader } = world;
    if (!(await publishedPaths(product.url)).has('GET /api/search')) {
      throw new Skip('endpoint not available (GET /api/search)');
    }
    const baseline = await startBaseline('page', {
      ...world.store.env,
      BENCH_PRACTICE_ID: world.practiceId,
      BENCH_USER_ID: reader.userId,
    });
    try {
      const rounds = options.quick ? 2 : 15;
      const headers = authHeaders(reader);
      const perQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
      const measure = async (side: 'product' | 'baseline', times = rounds) => {
        const samples: number[] = [];
        for (let round = 0; round < times; round += 1) {
          for (const q of QUERIES) {
            const query = encodeURIComponent(q);
            const ms =
              side === 'product'
                ? await timed(`${product.url}/api/search?q=${query}`, headers)
                : await timed(`${baseline.url}/lookup?q=${query}`, {});
            samples.push(ms);
            if (side === 'product') perQuery.get(q)?.push(ms);
          }
        }
        return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
      };
      // Warm both (statement caches, page cache): every query twice, unmeasured.
      await measure('baseline', 2);
      await measure('product', 2);
      perQuery.forEach((v) => v.splice(0));
      const runs = await alternate(
        options.pairs,
        () => measure('baseline'),
        () => measure('product'),
      );
      const figures = [
        pairedFigure(
          'search p50',
          'ms',
          runs.baseline.map((r) => r.p50),
          runs.product.map((r) => r.p50),
        ),
        pairedFigure(
          'search p95',
          'ms',
          runs.baseline.map((r) => r.p95),
          runs.product.map((r) => r.p95),
          { text: '≤ 300 ms', met: (_ratio, p95) => p95 <= 300 },
        ),
      ];
      const slowest = [...perQuery.entries()]
        .map(([q, ms]) => `"${q}" p50 ${percentile(ms, 50).toFixed(1)} / p95 ${percentile(ms, 95).toFixed(1)} ms`)
        .join('; ');
      const notes = [
        `${world.mailboxThreads} messages in the reader's threads; ${QUERIES.length} queries × ${rounds} rounds a side, one at a time; baseline: one word's first 20 postings with subjects, bare Fastify`,
        `product by query: ${slowest}`,
      ];
      return { figures, notes, pairs: options.pairs };
    } finally {
      await baseline.stop();
    }
  },
};
