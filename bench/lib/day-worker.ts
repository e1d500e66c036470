// A separate process that simulates a practice day: users come online in steps, each holding a
// WebSocket, reading their inbox every `readEvery` s, sending every `sendEvery` s and now and then
// uploading a file with a send. After each step it checks Mattermost's pass criteria.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { serveWorker } from './load.ts';
import { percentile } from './stats.ts';

export interface DaySpec {
  baseUrl: string;
  users: { cookie: string; csrfToken: string; threadId: string }[];
  steps: number[];
  stepSeconds: number;
  readEvery: number;
  sendEvery: number;
  /** seconds between uploads per user; 0 for none */
  attachEvery: number;
  attachmentBytes: number;
}

export interface DayStep {
  users: number;
  requests: number;
  failures: number;
  failureShare: number;
  mean: number;
  p99: number;
  wsDropped: number;
  passed: boolean;
}

serveWorker(run);

const boundary = '----confide-day';

async function run(spec: DaySpec): Promise<DayStep[]> {
  const base = new URL(spec.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let latencies: number[] = [];
  let failures = 0;
  let wsDropped = 0;
  let stopping = false;
  const csv = Buffer.from('date,minutes\n2024-01-02,50\n'.repeat(Math.ceil(spec.attachmentBytes / 27))).subarray(
    0,
    spec.attachmentBytes,
  );
  const multipart = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    csv,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

  const call = (method: string, path: string, headers: Record<string, string>, body?: Buffer | string) =>
    new Promise<string | null>((resolve) => {
      const t0 = performance.now();
      const req = request(
        { agent, method, hostname: base.hostname, port: base.port, path, headers, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.once('end', () => {
            latencies.push(performance.now() - t0);
            const ok = (res.statusCode ?? 500) < 400;
            if (!ok) failures += 1;
            resolve(ok ? Buffer.concat(chunks).toString('utf8') : null);
          });
        },
      );
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', () => {
        latencies.push(performance.now() - t0);
        failures += 1;
        resolve(null);
      });
      req.end(body);
    });

  const online: { ws: WebSocket; timers: NodeJS.Timeout[] }[] = [];
  const bringOnline = async (user: DaySpec['users'][number]) => {
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${spec.baseUrl.replace('http', 'ws')}/api/events`, {
        headers: { cookie: user.cookie },
        handshakeTimeout: 20_000,
      });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
    ws.on('close', () => {
      if (!stopping) wsDropped += 1;
    });
    const auth = { cookie: user.cookie, 'x-csrf-token': user.csrfToken };
    const json = { ...auth, 'content-type': 'application/json' };
    const every = (seconds: number, action: () => Promise<unknown>) => {
      const first = setTimeout(
        () => {
          void action();
          timers.push(setInterval(() => void action(), seconds * 1000));
        },
        Math.random() * seconds * 1000,
      );
      timers.push(first);
    };
    const timers: NodeJS.Timeout[] = [];
    const sendPath = `/api/threads/${user.threadId}/messages`;
    every(spec.readEvery, () => call('GET', '/api/threads?folder=inbox&limit=25', auth));
    every(spec.sendEvery, () =>
      call('POST', sendPath, json, JSON.stringify({ body: 'A note from the practice-day simulation.' })),
    );
    if (spec.attachEvery > 0) {
      every(spec.attachEvery, async () => {
        const answer = await call(
          'POST',
          '/api/attachments',
          { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
          multipart,
        );
        const id = answer ? (JSON.parse(answer) as { attachments: { id: string }[] }).attachments[0]?.id : undefined;
        if (id)
          await call(
            'POST',
            sendPath,
            json,
            JSON.stringify({ body: 'The file we talked about.', attachmentIds: [id] }),
          );
      });
    }
    online.push({ ws, timers });
  };

  const steps: DayStep[] = [];
  for (const target of spec.steps) {
    const joining = spec.users.slice(online.length, Math.min(target, spec.users.length));
    for (let i = 0; i < joining.length; i += 100) {
      await Promise.all(joining.slice(i, i + 100).map(bringOnline));
    }
    latencies = [];
    failures = 0;
    wsDropped = 0;
    await new Promise((r) => setTimeout(r, spec.stepSeconds * 1000));
    const window = latencies;
    const mean = window.length ? window.reduce((s, v) => s + v, 0) / window.length : 0;
    const step: DayStep = {
      users: online.length,
      requests: window.length,
      failures,
      failureShare: window.length ? failures / window.length : 0,
      mean,
      p99: percentile(window, 99),
      wsDropped,
      passed: false,
    };
    step.passed =
      step.failureShare <= 0.00025 && mean <= 100 && (window.length === 0 || step.p99 <= 2000) && wsDropped === 0;
    steps.push(step);
    if (!step.passed) break;
  }
  stopping = true;
  for (const user of online) {
    for (const t of user.timers) clearTimeout(t);
    user.ws.terminate();
  }
  agent.destroy();
  return steps;
}
