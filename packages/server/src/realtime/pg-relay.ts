import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AppContext } from '../context';
import { notify } from '../db/notify';
import { EVENTS_CHANNEL, type EventNotice, loadEventsAfter, loadEventsBySeq, seqAt } from './event-log';

const RECONNECT_MS = 1_000;
const MAX_RECONNECT_MS = 10_000;
/**
 * How far before a lost connection a catch-up reads back. Seqs are made before commit, so an
 * event committed during the outage may carry a seq from a little earlier: as long as its
 * transaction lasted, which statement timeouts keep far below this.
 */
const CATCH_UP_MARGIN_MS = 60_000;
const CATCH_UP_PAGE = 500;

/**
 * Fans live events out between nodes through PostgreSQL LISTEN/NOTIFY (SPEC §5, R54). Events
 * are notified inside the transaction that stores them, so every committed event reaches every
 * listening node even if the storing node dies right after its commit. When the listening
 * connection drops (a database restart), the relay reconnects by itself, LISTENs again and
 * catches up from the event table by seq; the bus delivers each seq once. Events carry ids
 * only, never content. On SQLite (one process) there is no relay.
 */
export async function startPgRelay(ctx: AppContext): Promise<{ close(): Promise<void> }> {
  if (ctx.dialect !== 'postgres' || !ctx.config.databaseUrl) return { close: async () => undefined };
  const node = randomUUID();
  const databaseUrl = ctx.config.databaseUrl;
  let closing = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  /** When the last connection was lost (ms), until a catch-up has read past it. */
  let lostAt: number | null = null;
  // Notices are handled one after another so events keep their order even when some need a lookup.
  let inbound: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    inbound = inbound.then(work).catch((error: unknown) => {
      ctx.log.warn({ err: { type: (error as Error)?.name } }, 'could not deliver relayed live events');
    });
  };

  const receive = async (notice: EventNotice) => {
    if (notice.sessions) {
      if (notice.node !== node) ctx.bus.sessionsChangedLocal();
      return;
    }
    ctx.bus.deliverLocal(notice.events ?? (await loadEventsBySeq(ctx.db, notice.seqs ?? [])));
  };

  const catchUp = async (since: number) => {
    let cursor = seqAt(since - CATCH_UP_MARGIN_MS);
    for (;;) {
      const page = await loadEventsAfter(ctx.db, cursor, CATCH_UP_PAGE);
      ctx.bus.deliverLocal(page);
      if (page.length < CATCH_UP_PAGE) return;
      cursor = page[page.length - 1]!.event.seq;
    }
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: ctx.config.dbTimeoutMs,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
      const notice = JSON.parse(message.payload) as EventNotice;
      enqueue(() => receive(notice));
    });
    client.on('error', () => {
      // 'end' follows and reconnects
    });
    client.on('end', () => {
      if (listener !== client) return;
      listener = null;
      lostAt ??= Date.now();
      if (!closing) {
        ctx.log.warn('live-event relay lost its database connection; reconnecting');
        scheduleReconnect();
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    listener = client;
    failures = 0;
    // Anything committed from now on arrives as a notice; read what was committed while away.
    if (lostAt !== null) catchUpFrom(lostAt);
  };

  const catchUpFrom = (since: number) =>
    enqueue(async () => {
      try {
        await catchUp(since);
      } catch {
        if (!closing) setTimeout(() => catchUpFrom(since), RECONNECT_MS).unref();
        return;
      }
      if (lostAt === since) lostAt = null;
      // Sessions may have ended while this node could not hear of it.
      ctx.bus.sessionsChangedLocal();
      ctx.log.info('live-event relay reconnected and caught up');
    });

  const scheduleReconnect = () => {
    clearTimeout(retry);
    if (closing) return;
    const wait = Math.min(MAX_RECONNECT_MS, RECONNECT_MS * 2 ** Math.min(failures, 4));
    failures += 1;
    retry = setTimeout(() => {
      connect().catch(() => scheduleReconnect());
    }, wait);
    retry.unref();
  };

  await connect();

  ctx.bus.setSessionsRelay(() => {
    const payload = JSON.stringify({ node, sessions: true } satisfies EventNotice);
    notify(ctx.db, EVENTS_CHANNEL, payload).catch(() =>
      ctx.log.warn('could not relay a session change to other nodes'),
    );
  });

  return {
    close: async () => {
      closing = true;
      clearTimeout(retry);
      ctx.bus.setSessionsRelay(null);
      await inbound;
      await listener?.end();
    },
  };
}
