import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { startAuditChainer } from './audit/chainer';
import { startAuditCheckpointer } from './audit/checkpoints';
import type { AppContext } from './context';
import { KeyRing } from './crypto/keyring';
import { loadMasterKey } from './crypto/master-key';
import { migrateToLatest, openDatabase } from './db';
import { startAttachmentSweeper } from './modules/attachments/sweep-attachments';
import { runDueNotices } from './modules/notifications/run-notices';
import { runDueRetention } from './modules/records/run-retention';
import { runDueSafetyJobs } from './modules/safety/run-safety-jobs';
import { startPeriodicWorker, type PeriodicWorker } from './jobs/periodic-worker';
import { startSearchBackfill } from './modules/search/backfill';
import { startSearchIndexer } from './modules/search/indexer';
import { buildApp } from './http/app';
import { createLogger } from './logger';
import { startMailWorker } from './outbox/worker';
import { EventBus } from './realtime/bus';
import { startPgRelay } from './realtime/pg-relay';
import { openBlobStore } from './storage/open-blob-store';

export interface Services {
  ctx: AppContext;
  /** Closes everything opened, in reverse order. */
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Where a notice for the operator goes (the command line: a plain line on standard error); the log by default. */
  notice?: (message: string) => void;
}

/** Opens the database (migrated), keys, blob store and event bus; no HTTP, no workers. */
export async function openServices(
  config: Readonly<Config>,
  clock: Clock = systemClock,
  options: ServiceOptions = {},
): Promise<Services> {
  const log = createLogger(config.logLevel);
  const notice = options.notice ?? ((message: string) => log.warn(message));
  const master = loadMasterKey(config.masterKey);
  if (master.created) {
    const where = config.masterKey.kind === 'file' ? ` at ${config.masterKey.path}` : '';
    notice(
      `Created a new master key${where}, readable by this user only. Back it up apart from the data: without it nothing can be read.`,
    );
  }
  const database = openDatabase({
    ...config,
    // A restart or failover ends pooled connections; the pool replaces them, callers get 503 meanwhile.
    onPoolError: (error) =>
      log.warn({ err: { type: error.name, code: (error as { code?: string }).code } }, 'database connection lost'),
  });
  await migrateToLatest(database.db);
  const blobs = await openBlobStore(config.blobStore);
  const ctx: AppContext = {
    config,
    db: database.db,
    dialect: database.dialect,
    pgPool: database.pgPool,
    keys: new KeyRing(master),
    log,
    bus: new EventBus(),
    mail: { wake: () => undefined },
    blobs,
    clock,
  };
  return { ctx, close: () => database.close() };
}

/** R48: how often a node looks for due notices; a delay of 0 with a digest emails within this. */
const NOTICES_EVERY_MS = 5_000;

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  /** R41: this node's reminder and escalation worker (every 30 s, by the context's clock). */
  safety: PeriodicWorker;
  /** R51: this node's retention worker (every 10 minutes it looks for practices whose daily run time has come). */
  retention: PeriodicWorker;
  /** R48: this node's calm-notifications worker (every 5 s it turns due notices into emails, by the context's clock). */
  notices: PeriodicWorker;
  /** R44: this node's search indexer (every 200 ms it indexes the messages queued since). */
  searchIndexer: PeriodicWorker;
  /**
   * The clean shutdown (SIGTERM): stop accepting, tell live sockets to reconnect (1012), let
   * in-flight requests finish for up to SHUTDOWN_GRACE_MS (then cut them), let the mail worker
   * finish the emails it holds, stop the reminder, retention, notices and search workers, relay and sweeper, checkpoint the audit chains a last time,
   * close the database.
   */
  close(): Promise<void>;
}

/** Starts everything: services, mail worker, cross-node event relay and the HTTP server. */
export async function startServer(
  config: Readonly<Config>,
  clock: Clock = systemClock,
  options: ServiceOptions = {},
): Promise<RunningServer> {
  const services = await openServices(config, clock, options);
  const { ctx } = services;
  const worker = startMailWorker(ctx);
  ctx.mail = worker;
  const relay = await startPgRelay(ctx);
  const sweeper = startAttachmentSweeper(ctx);
  const chainer = startAuditChainer(ctx);
  const checkpointer = startAuditCheckpointer(ctx);
  const safety = startPeriodicWorker(ctx, 'safety', 30_000, runDueSafetyJobs);
  const retention = startPeriodicWorker(ctx, 'retention', 10 * 60_000, runDueRetention);
  const notices = startPeriodicWorker(ctx, 'notices', NOTICES_EVERY_MS, runDueNotices);
  const searchBackfill = startSearchBackfill(ctx);
  const searchIndexer = startSearchIndexer(ctx);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let closing: Promise<void> | null = null;
  const shutdown = async () => {
    const cut = setTimeout(() => {
      ctx.log.warn('shutdown grace period over; closing the remaining connections');
      app.server.closeAllConnections();
    }, config.shutdownGraceMs);
    // A keep-alive connection whose request finishes during the drain is closed as soon as it is idle.
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
      clearInterval(idle);
    }
    await safety.stop();
    await retention.stop();
    await notices.stop();
    await worker.stop();
    await sweeper.stop();
    await searchBackfill.stop();
    await searchIndexer.stop();
    await relay.close();
    // After the last request: anything still pending is linked, and the final head of this run is
    // checkpointed, before the database closes.
    await chainer.stop();
    await checkpointer.stop();
    await services.close();
  };
  return {
    app,
    ctx,
    url,
    safety,
    retention,
    notices,
    searchIndexer,
    close: () => (closing ??= shutdown()),
  };
}
