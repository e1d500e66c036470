import type { LiveEvent } from '@confide/api';
import WebSocket from 'ws';
import type { TestClient } from './client';

/** An open live-event socket in a test: what it received, and how it closed. */
export interface LiveConnection {
  ws: WebSocket;
  events: LiveEvent[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first received event (already or later) matching `match`. */
  next(match: (e: LiveEvent) => boolean, timeoutMs?: number): Promise<LiveEvent>;
  close(): void;
}

/** The refusal of an upgrade: the HTTP status the server answered instead of 101. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with ${status}`);
  }
}

/** Opens GET /api/events as `client` (its session cookie), like a browser tab would. */
export function openLive(
  baseUrl: string,
  client: TestClient | null,
  options: { since?: string; origin?: string | null } = {},
): Promise<LiveConnection> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/events${options.since ? `?since=${options.since}` : ''}`;
  const headers: Record<string, string> = {};
  const cookie = client?.cookieHeader();
  if (cookie) headers.cookie = cookie;
  const origin = options.origin === undefined ? baseUrl : options.origin;
  const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
  const events: LiveEvent[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    events.push(JSON.parse(data.toString('utf8')) as LiveEvent);
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  const next = (match: (e: LiveEvent) => boolean, timeoutMs = 10_000) =>
    new Promise<LiveEvent>((resolve, reject) => {
      const check = () => {
        const found = events.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error('timed out waiting for a live event'));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      reject(new UpgradeRefused(res.statusCode ?? 0));
      res.resume();
      ws.terminate();
    });
    ws.on('error', reject);
    ws.on('open', () => resolve({ ws, events, closed, next, close: () => ws.close() }));
  });
}
