import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the WAL is copied back into the database file. */
export const CHECKPOINT_EVERY_MS = 1000;

// The worker's own connection: a PASSIVE checkpoint copies what no reader still needs from the
// WAL into the database file and syncs it, without waiting on (or blocking) the server's writes.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // a busy or failing disk skips this round; the next one catches up
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.postMessage('closed');
});
`;

/**
 * Runs the embedded database's checkpoints on a worker thread with a connection of its own, so
 * copying the WAL into the database file and syncing it (tens of milliseconds under load) never
 * holds up the event loop (issue 18). Should the worker fail, `inline` checkpoints on this
 * thread instead: a slower loop beats a WAL that grows without end.
 */
export function startCheckpointer(file: string, inline: () => void): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  let fallback: NodeJS.Timeout | null = null;
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', () => {
    if (stopping) return;
    fallback = setInterval(inline, CHECKPOINT_EVERY_MS);
    fallback.unref();
  });
  return {
    async stop() {
      if (fallback) clearInterval(fallback);
      if (!stopping) {
        stopping = true;
        worker.once('message', () => void worker.terminate());
        worker.postMessage('stop');
      }
      await exited;
    },
  };
}
