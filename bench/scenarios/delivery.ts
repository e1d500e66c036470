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
import type { Figure } from '../lib/report.ts';
import { getWorld } from '../lib/setup.ts';
import { median, round } from '../lib/stats.ts';
import { bareInsert, sendCapacity } from './send.ts';

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
    const seconds = options.quick ? 1 : 3;
    // Latency is measured at 80% of what the send path sustains in this run, where a send is not
    // queueing behind others; overload (twice the capacity, offered to both) is its own figure.
    const capacity = await sendCapacity(world, options.quick);
    const sustainable = Math.max(1, Math.round(0.8 * capacity.rps));
    const overload = Math.max(2, Math.round(2 * capacity.rps));
    const wsBase = product.url.replace('http', 'ws');
    const productSpec = (rate: number): DeliverySpec => ({
      receivers: clients.map((m) => ({ url: `${wsBase}/api/events`, headers: { cookie: m.session.cookie } })),
      sends: clients.map((m) => ({
        url: `${product.url}/api/threads/${m.threadId}/messages`,
        headers: authHeaders(world.staff[m.providerKey]!),
        body,
        key: m.threadId,
      })),
      rate,
      seconds,
    });
    const baseline = await startBaseline('push', world.store.env);
    try {
      const bareWs = baseline.url.replace('http', 'ws');
      const baselineSpec = (rate: number): DeliverySpec => ({
        receivers: clients.map((_, i) => ({ url: `${bareWs}/events?user=${i}`, headers: {} })),
        sends: clients.map((m, i) => ({
          url: `${baseline.url}/threads/${m.threadId}/messages`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ body: 'A short reply, delivered live to the recipient.', to: String(i) }),
          key: m.threadId,
        })),
        rate,
        seconds,
      });
      const timeout = (seconds * 4 + 90) * 1000;
      const measure = async (spec: DeliverySpec, product: boolean) => {
        const r = await runWorker<DeliveryResult>(worker, spec, timeout);
        if (product && r.httpOk === 0) throw new Error(`no send succeeded (${r.httpFailed} failed)`);
        await settle();
        return r;
      };
      const runs = await alternate<DeliveryResult>(
        options.pairs,
        () => measure(baselineSpec(sustainable), false),
        () => measure(productSpec(sustainable), true),
      );
      // The overload case once each: what is achieved, and whether every send is still delivered.
      const over = await alternate<DeliveryResult>(
        1,
        () => measure(baselineSpec(overload), false),
        () => measure(productSpec(overload), true),
      );
      const b = runs.baseline;
      const p = runs.product;
      const ob = over.baseline;
      const op = over.product;
      const failed = (rs: DeliveryResult[]) => rs.reduce((s, r) => s + r.httpFailed, 0);
      return {
        pairs: options.pairs,
        notes: [
          `send capacity ${Math.round(capacity.rps)}/s from ${capacity.source}; sustainable rate 80% = ${sustainable}/s, overload ${overload}/s, ${seconds} s each, ${clients.length} WebSocket clients; baseline: ${bareInsert(options.pgUrl)}, then a \`ws\` push`,
          `HTTP failures at ${sustainable}/s: product ${failed(p)}, baseline ${failed(b)}; at ${overload}/s: product ${failed(op)}, baseline ${failed(ob)} (of which delivered anyway: product ${op.reduce((s, r) => s + r.deliveredAfterFailure, 0)}, baseline ${ob.reduce((s, r) => s + r.deliveredAfterFailure, 0)})`,
          `overload send → event p50/p99: product ${round(op[0]?.p50 ?? Number.NaN)} / ${round(op[0]?.p99 ?? Number.NaN)} ms, baseline ${round(ob[0]?.p50 ?? Number.NaN)} / ${round(ob[0]?.p99 ?? Number.NaN)} ms (queueing, not delivery)`,
        ],
        figures: [
          {
            name: 'sustainable rate offered (80% of send capacity)',
            unit: 'per s',
            product: sustainable,
            baseline: sustainable,
          },
          ...latencyFigures('send → event', b, p, { text: '≤ 2', met: (r) => r <= 2 }),
          deliveredFigure('delivered at the sustainable rate', b, p),
          { name: 'overload offered', unit: 'per s', product: overload, baseline: overload },
          pairedFigure(
            'overload sends/s achieved',
            'per s',
            ob.map((r) => r.achievedRate),
            op.map((r) => r.achievedRate),
          ),
          deliveredFigure('overload delivered', ob, op),
        ],
      };
    } finally {
      await baseline.stop();
    }
  },
};

/** Share of the answered sends whose event reached the recipient; target: all of them. */
function deliveredFigure(name: string, baseline: DeliveryResult[], product: DeliveryResult[]): Figure {
  const share = (r: DeliveryResult) => (r.httpOk ? r.delivered / r.httpOk : 0);
  return {
    name,
    unit: '%',
    product: median(product.map(share)) * 100,
    baseline: median(baseline.map(share)) * 100,
    target: '100%',
    met: product.every((r) => r.httpOk > 0 && r.delivered === r.httpOk),
  };
}

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
