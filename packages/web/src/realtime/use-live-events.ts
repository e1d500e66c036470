import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { LIVE_CLOSE_SESSION_ENDED, LiveEvent } from '@confide/api';
import { queryKeys } from '../api';

export type LiveStatus = 'connecting' | 'open' | 'offline';

/** Applies one live event to the query cache: events carry ids only, so lists are refetched. */
export function applyLiveEvent(client: QueryClient, event: LiveEvent): void {
  switch (event.type) {
    case 'unread':
      client.setQueryData(queryKeys.unread, { count: event.count });
      return;
    case 'message.created':
    case 'message.deleted':
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      void client.invalidateQueries({ queryKey: queryKeys.thread(event.threadId) });
      void client.invalidateQueries({ queryKey: queryKeys.drafts });
      return;
    case 'thread.deleted':
      client.removeQueries({ queryKey: queryKeys.thread(event.threadId) });
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      return;
    case 'thread.read':
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      return;
    case 'message.read':
      // Only the receipts: refetching the thread itself would open it again (and audit that).
      void client.invalidateQueries({ queryKey: queryKeys.receipts(event.threadId) });
      return;
    case 'alert.raised':
    case 'alert.cleared':
    case 'thread.assigned':
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      void client.invalidateQueries({ queryKey: queryKeys.thread(event.threadId) });
      return;
  }
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps a WebSocket on /api/events open while signed in, resuming after `since=<lastSeq>` on
 * reconnect (with exponential backoff) so no event is missed, and feeds events to the cache.
 */
export function useLiveEvents(isEnabled: boolean, onEvent?: (event: LiveEvent) => void): LiveStatus {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    if (!isEnabled) return;
    let socket: WebSocket | null = null;
    let lastSeq: string | null = null;
    let attempt = 0;
    let timer: number | undefined;
    let isStopped = false;

    const connect = () => {
      if (isStopped) return;
      setStatus('connecting');
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const since = lastSeq ? `?since=${encodeURIComponent(lastSeq)}` : '';
      socket = new WebSocket(`${scheme}://${window.location.host}/api/events${since}`);
      socket.onopen = () => {
        // Anything may have happened while disconnected without a cursor to replay from.
        if (attempt > 0 && !lastSeq) void client.invalidateQueries();
        attempt = 0;
        setStatus('open');
      };
      socket.onmessage = (message) => {
        // The contract's schema, not a cast: anything else (a newer server's event) is skipped.
        let parsed: ReturnType<typeof LiveEvent.safeParse>;
        try {
          parsed = LiveEvent.safeParse(JSON.parse(String(message.data)));
        } catch {
          return;
        }
        if (!parsed.success) return;
        const event = parsed.data;
        if (event.seq) lastSeq = event.seq;
        applyLiveEvent(client, event);
        onEvent?.(event);
      };
      socket.onclose = (close) => {
        socket = null;
        if (isStopped) return;
        setStatus('offline');
        // The session ended (or the upgrade was refused as policy, 1008): re-check it instead of looping.
        if (close.code === LIVE_CLOSE_SESSION_ENDED || close.code === 1008)
          void client.invalidateQueries({ queryKey: queryKeys.me });
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.75 + Math.random() / 2);
        attempt += 1;
        timer = window.setTimeout(connect, delay);
      };
    };

    connect();
    return () => {
      isStopped = true;
      window.clearTimeout(timer);
      socket?.close();
    };
  }, [client, isEnabled, onEvent]);

  return status;
}
