import { LIVE_CLOSE_RECONNECT, LIVE_CLOSE_SESSION_ENDED, type LiveEvent } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { AppContext } from '../context';
import type { Actor } from '../actor';
import { loadEventsSince } from './event-log';
import { liveSessionIds } from './session-check';

/** Close code telling the web app its session ended (sign in again), like HTTP 401. */
export const SESSION_ENDED = LIVE_CLOSE_SESSION_ENDED;
const REPLAY_PAGE = 500;
/** An event is sent only if the session was seen alive this recently; otherwise it is checked first. */
const FRESH_MS = 5_000;

/**
 * One live-event connection. With `since`, stored events after it are replayed first while live
 * ones are held back, then the held ones follow minus any already replayed: no gap, no duplicate.
 */
export class LiveSocket {
  isAlive = true;
  private held: LiveEvent[] | null = null;
  private readonly replayed = new Set<string>();
  private validatedAt = Date.now();
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    readonly socket: WebSocket,
    readonly actor: Actor,
  ) {}

  get sessionId(): string {
    return this.actor.sessionId;
  }

  get practiceId(): string {
    return this.actor.practiceId;
  }

  /** Subscribes, then replays from `since` if given. */
  async start(since: string | undefined): Promise<void> {
    if (since) this.held = [];
    this.unsubscribe = this.ctx.bus.subscribe(this.actor.userId, (event) => this.onEvent(event));
    if (!since) return;
    let cursor = since;
    for (;;) {
      const page = await loadEventsSince(this.ctx.db, this.actor.practiceId, this.actor.userId, cursor, REPLAY_PAGE);
      for (const { event } of page) {
        this.replayed.add(event.seq);
        this.send(event);
      }
      if (page.length < REPLAY_PAGE) break;
      cursor = page[page.length - 1]!.event.seq;
    }
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.onEvent(event);
  }

  private onEvent(event: LiveEvent): void {
    if (this.closed || this.replayed.has(event.seq)) return;
    if (this.held) {
      this.held.push(event);
      return;
    }
    // One chain per socket keeps events in order while a session check is under way.
    this.queue = this.queue
      .then(async () => {
        if (Date.now() - this.validatedAt > FRESH_MS) {
          const alive = await liveSessionIds(this.ctx.db, [
            { practiceId: this.actor.practiceId, sessionId: this.sessionId },
          ]);
          if (!alive.has(this.sessionId)) return this.close(SESSION_ENDED, 'session ended');
          this.validatedAt = Date.now();
        }
        this.send(event);
      })
      .catch(() => this.close(1011, 'server error'));
  }

  /** Notes that the session was just found alive (by a sweep). */
  markValidated(): void {
    this.validatedAt = Date.now();
  }

  private send(event: LiveEvent): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(event));
  }

  /** Stops listening; closes the socket with `code` unless it is already closing. */
  close(code?: number, reason?: string): void {
    if (!this.closed) {
      this.closed = true;
      this.unsubscribe();
    }
    if (code !== undefined && this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
  }
}

/**
 * On shutdown (the WebSocket plugin's preClose): every live socket is told to reconnect (1012),
 * which the web app does with its last seq, to this node once it is back or to another.
 */
export function closeLiveSocketsForRestart(this: FastifyInstance, done: () => void): void {
  for (const client of this.websocketServer.clients) client.close(LIVE_CLOSE_RECONNECT, 'server restarting');
  this.websocketServer.close(() => done());
}
