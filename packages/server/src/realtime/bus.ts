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

  /** How many users have at least one listener here. */
  get listenerCount(): number {
    return this.listeners.size;
  }
}
