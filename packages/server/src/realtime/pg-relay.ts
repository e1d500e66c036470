import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AppContext } from '../context';
import { loadEventsBySeq, type StoredEvent } from './event-log';

const CHANNEL = 'confide_events';
/** NOTIFY payloads must stay under 8000 bytes; larger batches travel as seq ids in chunks. */
const MAX_PAYLOAD = 7_500;
const SEQS_PER_NOTICE = 150;
const RECONNECT_MS = 2_000;

type Notice = { node: string; events?: StoredEvent[]; seqs?: string[]; sessions?: true };

/**
 * Fans live events out between nodes through PostgreSQL LISTEN/NOTIFY (SPEC §5). Each node
 * tags what it sends with its id and skips its own notices (it already delivered them
 * locally). Events carry ids only, never content. On SQLite (one process) there is no relay.
 */
export async function startPgRelay(ctx: AppContext): Promise<{ close(): Promise<void> }> {
  const pool = ctx.pgPool;
  if (ctx.dialect !== 'postgres' || !pool || !ctx.config.databaseUrl) return { close: async () => undefined };
  const node = randomUUID();
  const databaseUrl = ctx.config.databaseUrl;
  let closing = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  // Notices are handled one after another so events keep their order even when some need a lookup.
  let inbound: Promise<void> = Promise.resolve();

  const receive = async (notice: Notice) => {
    if (notice.node === node) return;
    if (notice.sessions) return ctx.bus.sessionsChangedLocal();
    const events = notice.events ?? (await loadEventsBySeq(ctx.db, notice.seqs ?? []));
    ctx.bus.deliverLocal(events);
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const payload = message.payload;
      inbound = inbound
        .then(() => receive(JSON.parse(payload) as Notice))
        .catch(() => ctx.log.warn('dropped a malformed or unreadable live-event notice'));
    });
    client.on('error', () => {
      // 'end' follows and reconnects
    });
    client.on('end', () => {
      if (listener === client) listener = null;
      if (!closing) {
        ctx.log.warn('live-event relay lost its database connection; reconnecting');
        scheduleReconnect();
      }
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  };

  const scheduleReconnect = () => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      connect().catch(() => !closing && scheduleReconnect());
    }, RECONNECT_MS);
    retry.unref();
  };

  await connect();

  // Sent one after another (not over parallel pool connections) so other nodes see them in order.
  let outbound: Promise<unknown> = Promise.resolve();
  const notify = (payload: string) => {
    outbound = outbound
      .then(() => pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]))
      .catch(() => ctx.log.warn('could not relay live events to other nodes'));
  };
  ctx.bus.setRelay((events) => notices(node, events).forEach(notify));
  ctx.bus.setSessionsRelay(() => notify(JSON.stringify({ node, sessions: true } satisfies Notice)));

  return {
    close: async () => {
      closing = true;
      clearTimeout(retry);
      ctx.bus.setRelay(null);
      ctx.bus.setSessionsRelay(null);
      await outbound;
      await inbound;
      await listener?.end();
    },
  };
}

/** The NOTIFY payloads for a batch: the events themselves when small, else their seqs in chunks. */
export function notices(node: string, events: StoredEvent[]): string[] {
  const whole = JSON.stringify({ node, events } satisfies Notice);
  if (Buffer.byteLength(whole) <= MAX_PAYLOAD) return [whole];
  const payloads: string[] = [];
  for (let i = 0; i < events.length; i += SEQS_PER_NOTICE) {
    const seqs = events.slice(i, i + SEQS_PER_NOTICE).map((e) => e.event.seq);
    payloads.push(JSON.stringify({ node, seqs } satisfies Notice));
  }
  return payloads;
}
