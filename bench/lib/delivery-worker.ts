// A separate process that holds many WebSocket clients, sends messages to them at a fixed rate
// (open loop) and times each send's request to its recipient's `message.created` event.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { serveWorker } from './load.ts';
import { percentile } from './stats.ts';

export interface DeliverySpec {
  receivers: { url: string; headers: Record<string, string> }[];
  /** sends cycle through this list; `key` is the threadId the event names */
  sends: { url: string; headers: Record<string, string>; body: string; key: string }[];
  rate: number;
  seconds: number;
}

export interface DeliveryResult {
  connected: number;
  connectSeconds: number;
  sent: number;
  httpOk: number;
  httpFailed: number;
  /** sends answered 2xx whose event reached the recipient */
  delivered: number;
  /** events for sends whose HTTP request failed or timed out (the server stored them anyway) */
  deliveredAfterFailure: number;
  p50: number;
  p99: number;
  achievedRate: number;
}

serveWorker(run);

async function run(spec: DeliverySpec): Promise<DeliveryResult> {
  // Each send, in order per thread; an event is matched to the oldest send of its thread not yet
  // delivered, so sends whose request failed but were stored still take their own event.
  interface Sent {
    started: number;
    ok: boolean | null;
    latency: number | null;
  }
  const pending = new Map<string, Sent[]>();
  const records: Sent[] = [];
  const sockets: WebSocket[] = [];
  const t0 = performance.now();
  const onEvent = (data: WebSocket.RawData) => {
    const event = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : '{}') as {
      type?: string;
      threadId?: string;
    };
    if (event.type !== 'message.created' || !event.threadId) return;
    const sent = pending.get(event.threadId)?.shift();
    if (sent) sent.latency = performance.now() - sent.started;
  };
  // Connect in batches, so the server sees a crowd arriving rather than one burst.
  for (let i = 0; i < spec.receivers.length; i += 50) {
    await Promise.all(
      spec.receivers.slice(i, i + 50).map(
        (r) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(r.url, { headers: r.headers, handshakeTimeout: 15_000 });
            ws.on('message', onEvent);
            ws.once('open', () => {
              sockets.push(ws);
              resolve();
            });
            ws.once('error', reject);
            ws.once('unexpected-response', (_req, res) =>
              reject(new Error(`WebSocket upgrade answered ${res.statusCode}`)),
            );
          }),
      ),
    );
  }
  const connectSeconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 300));

  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let sent = 0;
  let httpOk = 0;
  let httpFailed = 0;
  const inFlight = new Set<Promise<void>>();
  const post = (target: DeliverySpec['sends'][number]) => {
    const url = new URL(target.url);
    const queue = pending.get(target.key) ?? [];
    pending.set(target.key, queue);
    const record: Sent = { started: performance.now(), ok: null, latency: null };
    queue.push(record);
    records.push(record);
    sent += 1;
    const done = new Promise<void>((resolve) => {
      const req = request(
        {
          agent,
          method: 'POST',
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: target.headers,
          timeout: 15_000,
        },
        (res) => {
          res.resume();
          res.once('end', () => {
            record.ok = Boolean(res.statusCode && res.statusCode < 300);
            if (record.ok) httpOk += 1;
            else httpFailed += 1;
            resolve();
          });
        },
      );
      req.once('error', () => {
        record.ok = false;
        httpFailed += 1;
        resolve();
      });
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.end(target.body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const sendStart = performance.now();
  let next = 0;
  const tick = 10;
  const total = Math.round(spec.rate * spec.seconds);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.round(((performance.now() - sendStart) / 1000) * spec.rate));
      while (next < due) {
        post(spec.sends[next % spec.sends.length]!);
        next += 1;
      }
      if (next >= total) {
        clearInterval(timer);
        resolve();
      }
    }, tick);
  });
  await Promise.all([...inFlight]);
  // Up to the last answer: a server that falls behind the offered rate shows a lower figure.
  const sendSeconds = (performance.now() - sendStart) / 1000;
  // Let the last events arrive.
  const drainUntil = performance.now() + 3000;
  const answered = () => records.filter((r) => r.ok && r.latency !== null);
  while (answered().length < httpOk && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
  for (const ws of sockets) ws.terminate();
  const latencies = answered().map((r) => r.latency!);
  agent.destroy();
  return {
    connected: sockets.length,
    connectSeconds,
    sent,
    httpOk,
    httpFailed,
    delivered: latencies.length,
    deliveredAfterFailure: records.filter((r) => !r.ok && r.latency !== null).length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    achievedRate: httpOk / sendSeconds,
  };
}
