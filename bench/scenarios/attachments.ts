import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadResult, type LoadSpec, runLoad } from '../lib/load.ts';
import { publishedPaths } from '../lib/product.ts';
import { alternate, checkLoad, pairedFigure, type Scenario, settle, Skip, startBaseline } from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';

const MiB = 1024 * 1024;
const boundary = '----confide-bench-boundary';

/** Writes a multipart body with one CSV `file` part of `size` bytes; answers its path. */
function writeMultipart(dir: string, size: number): string {
  const path = join(dir, `upload-${size}.multipart`);
  const fd = openSync(path, 'w');
  writeSync(
    fd,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const row = 'date,client,minutes,code\n2024-01-02,12345,50,90834\n';
  const chunk = Buffer.from(row.repeat(Math.ceil(MiB / row.length)).slice(0, MiB));
  for (let left = size; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  writeSync(fd, `\r\n--${boundary}--\r\n`);
  closeSync(fd);
  return path;
}

/** 4. Attachments: encrypted upload throughput beside a bare one, and server memory under load. */
export const attachments: Scenario = {
  id: 4,
  name: 'Attachments',
  async run(options) {
    const world = await getWorld(options);
    const { product } = world;
    if (!(await publishedPaths(product.url)).has('POST /api/attachments')) {
      throw new Skip('endpoint not available (POST /api/attachments)');
    }
    const size = options.quick ? MiB : 10 * MiB;
    const bodyFile = writeMultipart(world.store.dataDir, size);
    const perConnection = options.quick ? 1 : 4;
    const session = world.pool[0]!.session;
    const baseline = await startBaseline('upload', world.store.env);
    try {
      // A fixed number of uploads per connection, so every run finishes however slow the disk is.
      const spec = (url: string, path: string, headers: Record<string, string>, connections: number): LoadSpec => ({
        url,
        connections,
        amount: connections * perConnection,
        bodyFile,
        timeoutSeconds: 60,
        variants: [
          {
            method: 'POST',
            path,
            headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          },
        ],
      });
      const productHeaders = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      const mibPerSecond = (r: LoadResult) => (r.ok * size) / MiB / r.seconds;
      const figures = [];
      for (const connections of options.quick ? [4] : [1, 4]) {
        const runs = await alternate(
          options.pairs,
          async () => checkLoad(await runLoad(spec(baseline.url, '/attachments', {}, connections)), 'bare upload'),
          async () => {
            const r = checkLoad(
              await runLoad(spec(product.url, '/api/attachments', productHeaders, connections)),
              'upload',
            );
            await settle();
            return r;
          },
        );
        figures.push(
          pairedFigure(
            `${connections} at a time`,
            'MiB/s',
            runs.baseline.map(mibPerSecond),
            runs.product.map(mibPerSecond),
            { text: '≥ 0.7', met: (r) => r >= 0.7 },
          ),
        );
      }
      // Memory: the server's RSS rise while 4, then 20, uploads are in flight.
      for (const [connections, limit] of [
        [4, 32],
        [20, 100],
      ] as const) {
        await settle(1000);
        const measure = async (
          child: { rss(): number },
          url: string,
          path: string,
          headers: Record<string, string>,
        ) => {
          const before = child.rss();
          let peak = before;
          const timer = setInterval(() => (peak = Math.max(peak, child.rss())), 50);
          try {
            checkLoad(await runLoad(spec(url, path, headers, connections)), `upload ×${connections}`);
          } finally {
            clearInterval(timer);
          }
          return (peak - before) / MiB;
        };
        const bare = await measure(baseline, baseline.url, '/attachments', {});
        const growth = await measure(product, product.url, '/api/attachments', productHeaders);
        figures.push({
          name: `RSS growth, ${connections} in flight`,
          unit: 'MiB',
          product: growth,
          baseline: bare,
          target: `≤ ${limit} MiB`,
          met: growth <= limit,
        });
      }
      return { figures, notes: [`${size / MiB} MiB CSV files`], pairs: options.pairs };
    } finally {
      await baseline.stop();
    }
  },
};
