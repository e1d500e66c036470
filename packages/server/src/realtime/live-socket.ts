import { LIVE_CLOSE_RECONNECT, LIVE_CLOSE_SESSION_ENDED, type LiveEvent } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { AppContext } from '../context';
import type { Actor } from '../actor';
import { loadEventsSince } from './event-log';
import { liveSessions, sessionDeadline } from './session-check';

/** Close code telling the web app its session ended (sign in again), like HTTP 401. */
export const SESSION_ENDED = LIVE_CLOSE_SESSION_ENDED;
const REPLAY_PAGE = 500;
/**
 * A session read alive is trusted without reading it again until it could end by itself (its
 * idle timeout or lifetime, as read), and for at most this long: the sweep's period, which also
 * refreshes it. Sessions ended by someone (sign-out, a password set, disabling) are announced on
 * the bus and their sockets closed at once.
 */
const TRUST_MS = 30_000;

/**
 * One live-event connection. With `since`, stored events after it are replayed first while live
 * ones are held back, then the held ones follow minus any already replayed: no gap, no duplicate.
 * An event goes out at once, in the publisher's turn, while the session is known to be alive;
 * past that, the session is read again first and events wait for it in order.
 */
export class LiveSocket {
  isAlive = true;
  private held: LiveEvent[] | null = null;
  private readonly replayed = new Set<string>();
  /** Until when (ms since the epoch, by the context's clock) the session is known to be alive. */
  private aliveUntil: number;
  /** Events waiting, in order, for a session check under way. */
  private waiting: LiveEvent[] | null = null;
  private unsubscribe: () => void = () => undefined;
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    readonly socket: WebSocket,
    readonly actor: Actor,
  ) {
    const { lastSeenAt, expiresAt, settings } = actor;
    this.aliveUntil = this.trustUntil(
      sessionDeadline({ lastSeenAt, expiresAt, idleTimeoutMinutes: settings.idleTimeoutMinutes }),
    );
  }

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
    if (this.waiting) {
      this.waiting.push(event);
      return;
    }
    if (this.now() <= this.aliveUntil) {
      this.send(event);
      return;
    }
    this.waiting = [event];
    liveSessions(this.ctx.db, [{ practiceId: this.practiceId, sessionId: this.sessionId }], this.now())
      .then((alive) => {
        const deadline = alive.get(this.sessionId);
        if (deadline === undefined) return this.close(SESSION_ENDED, 'session ended');
        this.markValidated(deadline);
        const waiting = this.waiting ?? [];
        this.waiting = null;
        for (const held of waiting) this.send(held);
      })
      .catch(() => this.close(1011, 'server error'));
  }

  /** Notes that the session was just read alive (by a sweep), with its deadline. */
  markValidated(deadline: number): void {
    this.aliveUntil = this.trustUntil(deadline);
  }

  private trustUntil(deadline: number): number {
    return Math.min(deadline, this.now() + TRUST_MS);
  }

  private now(): number {
    return this.ctx.clock.now().getTime();
  }

  private send(event: LiveEvent): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    try {
      this.socket.send(JSON.stringify(event));
    } catch {
      // Called from the publisher's turn: a broken socket closes, and the publisher never hears of it.
      this.close(1011, 'server error');
    }
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
