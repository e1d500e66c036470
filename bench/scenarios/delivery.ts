import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { DeliveryResult, DeliverySpec } from '../lib/delivery-worker.ts';
import { runWorker } from '../lib/load.ts';
import { authHeaders, publishedPaths } from '../lib/product.ts';
import {
  alternate,
  latencyFigures,
  pairedFigure,
  type Scenario,
  settle,
  Skip,
  startBaseline,
} from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';
import { median } from '../lib/stats.ts';

const worker = fileURLToPath(new URL('../lib/delivery-worker.ts', import.meta.url));
const body = JSON.stringify({ body: 'A short reply, delivered live to the recipient.' });

/** 2. Delivery: send → recipient's `message.created`, with many WebSocket clients connected. */
export const delivery: Scenario = {
  id: 2,
  name: 'Delivery',
  async run(options) {
    const world = await getWorld(options);
    const { product } = world;
    const paths = await publishedPaths(product.url);
    if (!paths.has('POST /api/threads/{id}/messages'))
      throw new Skip('endpoint not available (POST /api/threads/:id/messages)');
    if ((await upgradeStatus(`${product.url.replace('http', 'ws')}/api/events`, world.reader.cookie)) === 404) {
      throw new Skip('endpoint not available (GET /api/events)');
    }

    const clients = world.pool.slice(0, options.quick ? 50 : 1000);
    const rate = options.quick ? 50 : 1000;
    const seconds = options.quick ? 1 : 3;
    const wsBase = product.url.replace('http', 'ws');
    const productSpec: DeliverySpec = {
      receivers: clients.map((m) => ({ url: `${wsBase}/api/events`, headers: { cookie: m.session.cookie } })),
      sends: clients.map((m) => ({
        url: `${product.url}/api/threads/${m.threadId}/messages`,
        headers: authHeaders(world.staff[m.providerKey]!),
        body,
        key: m.threadId,
      })),
      rate,
      seconds,
    };
    const baseline = await startBaseline('push', world.store.env);
    try {
      const bareWs = baseline.url.replace('http', 'ws');
      const baselineSpec: DeliverySpec = {
        receivers: clients.map((_, i) => ({ url: `${bareWs}/events?user=${i}`, headers: {} })),
        sends: clients.map((m, i) => ({
          url: `${baseline.url}/threads/${m.threadId}/messages`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ body: 'A short reply, delivered live to the recipient.', to: String(i) }),
          key: m.threadId,
        })),
        rate,
        seconds,
      };
      const timeout = (seconds + 90) * 1000;
      const runs = await alternate<DeliveryResult>(
        options.pairs,
        async () => {
          const r = await runWorker<DeliveryResult>(worker, baselineSpec, timeout);
          await settle();
          return r;
        },
        async () => {
          const r = await runWorker<DeliveryResult>(worker, productSpec, timeout);
          if (r.httpOk === 0) throw new Error(`no send succeeded (${r.httpFailed} failed)`);
          await settle();
          return r;
        },
      );
      const b = runs.baseline;
      const p = runs.product;
      const share = (r: DeliveryResult) => (r.httpOk ? r.delivered / r.httpOk : 0);
      return {
        pairs: options.pairs,
        notes: [
          `${clients.length} WebSocket clients, ${rate} sends/s offered for ${seconds} s; HTTP failures: product ${p.reduce((s, r) => s + r.httpFailed, 0)}, baseline ${b.reduce((s, r) => s + r.httpFailed, 0)}`,
        ],
        figures: [
          ...latencyFigures('send → event', b, p, { text: '≤ 2', met: (r) => r <= 2 }),
          pairedFigure(
            'sends/s achieved',
            'per s',
            b.map((r) => r.achievedRate),
            p.map((r) => r.achievedRate),
          ),
          {
            name: 'delivered',
            unit: '%',
            product: median(p.map(share)) * 100,
            baseline: median(b.map(share)) * 100,
            target: '100%',
            met: p.every((r) => r.delivered === r.httpOk),
          },
        ],
      };
    } finally {
      await baseline.stop();
    }
  },
};

/** Tries a WebSocket upgrade: 101 when it opens, else the HTTP status the server answered. */
export function upgradeStatus(url: string, cookie: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { cookie }, handshakeTimeout: 10_000 });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', () => resolve(0));
  });
}
