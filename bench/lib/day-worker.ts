// A separate process that simulates part of a practice day: it holds a share of the users, each
// with a WebSocket, reading their inbox every `readEvery` s, sending every `sendEvery` s and now
// and then uploading a file with a send. The bench drives several of these step by step:
// `start` (the users and the pace), `online` (bring this many of them online, or take some off),
// `window` (measure every request for some seconds), `stop`.
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { serveWorker } from './load.ts';

export interface DayPace {
  baseUrl: string;
  readEvery: number;
  sendEvery: number;
  /** seconds between uploads per user; 0 for none */
  attachEvery: number;
  attachmentBytes: number;
  /** the loopback address this worker's sockets leave from (its own ephemeral-port range) */
  localAddress?: string;
}

export type DayCommand =
  | { op: 'start'; pace: DayPace; users: { cookie: string; csrfToken: string; threadId: string }[] }
  | { op: 'online'; count: number }
  | { op: 'drain'; maxSeconds: number }
  | { op: 'window'; seconds: number }
  | { op: 'stop' };

/** One worker's share of a measured window. */
export interface DayWindow {
  online: number;
  latencies: number[];
  failures: number;
  wsDropped: number;
  connectFailures: number;
}

const boundary = '----confide-day';

interface OnlineUser {
  ws: WebSocket | null;
  timers: NodeJS.Timeout[];
  leaving: boolean;
}

let pace: DayPace | null = null;
let users: Extract<DayCommand, { op: 'start' }>['users'] = [];
let agent: Agent | null = null;
let multipart = Buffer.alloc(0);
const online: OnlineUser[] = [];
let latencies: number[] = [];
let failures = 0;
let wsDropped = 0;
let connectFailures = 0;
let inFlight = 0;

serveWorker(async (command: DayCommand): Promise<DayWindow | null> => {
  switch (command.op) {
    case 'start':
      start(command.pace, command.users);
      return null;
    case 'online':
      await setOnline(command.count);
      return null;
    case 'drain': {
      // After a failed step: wait for the requests still queued at the server to be answered.
      const until = performance.now() + command.maxSeconds * 1000;
      while (inFlight > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
      return null;
    }
    case 'window': {
      latencies = [];
      failures = 0;
      wsDropped = 0;
      connectFailures = 0;
      await new Promise((r) => setTimeout(r, command.seconds * 1000));
      return { online: online.filter((u) => u.ws).length, latencies, failures, wsDropped, connectFailures };
    }
    case 'stop':
      while (online.length) leave(online.pop()!);
      agent?.destroy();
      return null;
  }
});

function start(spec: DayPace, list: typeof users): void {
  pace = spec;
  users = list;
  agent = new Agent({
    keepAlive: true,
    maxSockets: 256,
    ...(spec.localAddress ? { localAddress: spec.localAddress } : {}),
  });
  const csv = Buffer.from('date,minutes\n2024-01-02,50\n'.repeat(Math.ceil(spec.attachmentBytes / 27))).subarray(
    0,
    spec.attachmentBytes,
  );
  multipart = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    csv,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** Brings users online (100 connecting at a time) or takes the most recent ones off. */
async function setOnline(count: number): Promise<void> {
  const target = Math.min(count, users.length);
  while (online.length > target) leave(online.pop()!);
  const joining = users.slice(online.length, target);
  for (let i = 0; i < joining.length; i += 100) {
    await Promise.all(joining.slice(i, i + 100).map(bringOnline));
  }
}

function leave(user: OnlineUser): void {
  user.leaving = true;
  for (const t of user.timers) clearTimeout(t);
  user.ws?.terminate();
}

function call(method: string, path: string, headers: Record<string, string>, body?: Buffer | string) {
  const base = new URL(pace!.baseUrl);
  inFlight += 1;
  return new Promise<string | null>((done) => {
    let settled = false;
    const resolve = (value: string | null) => {
      if (settled) return;
      settled = true;
      inFlight -= 1;
      done(value);
    };
    const t0 = performance.now();
    const req = request(
      { agent: agent!, method, hostname: base.hostname, port: base.port, path, headers, timeout: 10_000 },
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
}

async function bringOnline(user: (typeof users)[number]): Promise<void> {
  const spec = pace!;
  const entry: OnlineUser = { ws: null, timers: [], leaving: false };
  online.push(entry);
  const ws = await new Promise<WebSocket | null>((resolve) => {
    const socket = new WebSocket(`${spec.baseUrl.replace('http', 'ws')}/api/events`, {
      headers: { cookie: user.cookie },
      handshakeTimeout: 20_000,
      ...(spec.localAddress ? { localAddress: spec.localAddress } : {}),
    });
    socket.once('open', () => resolve(socket));
    // A user who cannot connect counts against the step (Mattermost: no dropped sockets).
    socket.once('error', () => {
      connectFailures += 1;
      resolve(null);
    });
  });
  if (!ws) return;
  entry.ws = ws;
  ws.on('close', () => {
    if (!entry.leaving) wsDropped += 1;
  });
  const auth = { cookie: user.cookie, 'x-csrf-token': user.csrfToken };
  const json = { ...auth, 'content-type': 'application/json' };
  const every = (seconds: number, action: () => Promise<unknown>) => {
    const first = setTimeout(
      () => {
        void action();
        entry.timers.push(setInterval(() => void action(), seconds * 1000));
      },
      Math.random() * seconds * 1000,
    );
    entry.timers.push(first);
  };
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
        await call('POST', sendPath, json, JSON.stringify({ body: 'The file we talked about.', attachmentIds: [id] }));
    });
  }
}
