import type { LiveEvent } from '@confide/api';
import type { StoredEvent } from './event-log';

type Listener = (event: LiveEvent) => void;

/**
 * Delivers stored events to the sockets of their users on this node. With several nodes,
 * a relay (realtime/pg-relay.ts) feeds events published elsewhere into `deliverLocal`.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private relay: ((events: StoredEvent[]) => void) | null = null;
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

  /** Publishes committed events: to local sockets, and through the relay to other nodes. */
  publish(events: StoredEvent[]): void {
    if (events.length === 0) return;
    this.deliverLocal(events);
    this.relay?.(events);
  }

  /** Hands events to this node's listeners only. */
  deliverLocal(events: StoredEvent[]): void {
    for (const { userId, event } of events) {
      const set = this.listeners.get(userId);
      if (!set) continue;
      for (const listener of set) listener(event);
    }
  }

  /** Sets where published events are also sent (other nodes). */
  setRelay(relay: ((events: StoredEvent[]) => void) | null): void {
    this.relay = relay;
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
