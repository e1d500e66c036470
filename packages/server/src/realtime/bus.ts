import type { LiveEvent } from '@confide/api';
import type { StoredEvent } from './event-log';

type Listener = (event: LiveEvent) => void;

/** How many recently delivered seqs each node remembers, so an event reaching it twice is sent once. */
const REMEMBERED_SEQS = 20_000;

/**
 * Delivers stored events to the sockets of their users on this node. With several nodes, the
 * relay (realtime/pg-relay.ts) feeds in what every node committed, including this one's own
 * events and a catch-up after a lost connection: each seq is delivered once.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly delivered = new Set<string>();
  private readonly sessionWatchers = new Set<() => void>();
  private sessionsRelay: (() => void) | null = null;

  /** Listens for one user's events; returns the function that stops listening. */
  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /**
   * Publishes committed events to this node's sockets at once. Other nodes hear of them from
   * the NOTIFY sent inside the committing transaction (realtime/event-log.ts).
   */
  publish(events: StoredEvent[]): void {
    this.deliverLocal(events);
  }

  /** Hands events to this node's listeners, skipping any seq already delivered here. */
  deliverLocal(events: StoredEvent[]): void {
    for (const { userId, event } of events) {
      if (this.delivered.has(event.seq)) continue;
      this.delivered.add(event.seq);
      if (this.delivered.size > REMEMBERED_SEQS) this.delivered.delete(this.delivered.values().next().value!);
      const set = this.listeners.get(userId);
      if (!set) continue;
      for (const listener of set) listener(event);
    }
  }

  /** Calls `watcher` whenever sessions may have ended (here or on another node); returns the unwatch function. */
  watchSessions(watcher: () => void): () => void {
    this.sessionWatchers.add(watcher);
    return () => this.sessionWatchers.delete(watcher);
  }

  /** Says that sessions may have ended (sign-out, disabled account): every node re-checks its sockets. */
  sessionsChanged(): void {
    this.sessionsChangedLocal();
    this.sessionsRelay?.();
  }

  /** Tells this node's watchers only. */
  sessionsChangedLocal(): void {
    for (const watcher of this.sessionWatchers) watcher();
  }

  /** Sets how `sessionsChanged` reaches other nodes. */
  setSessionsRelay(relay: (() => void) | null): void {
    this.sessionsRelay = relay;
  }
}
