import { close, fdatasync, open } from 'node:fs';
import { promisify } from 'node:util';

/** Puts the WAL file on disk up to everything written to it so far. */
export interface SyncWal {
  sync(): Promise<void>;
  close(): Promise<void>;
}

const openFile = promisify(open);
const syncFile = promisify(fdatasync);
const closeFile = promisify(close);

/**
 * The default `SyncWal`: fdatasync of the WAL file, on libuv's thread pool, so the event loop
 * never waits for the disk. The descriptor is opened once; SQLite keeps the WAL file (the same
 * inode, restarted in place) for as long as the database is open.
 */
export function fdatasyncOf(walPath: string): SyncWal {
  let fd: Promise<number> | null = null;
  return {
    async sync() {
      fd ??= openFile(walPath, 'r');
      await syncFile(await fd);
    },
    async close() {
      const opened = fd;
      fd = null;
      if (opened) await closeFile(await opened);
    },
  };
}

/**
 * Group commit for the embedded database (issue 18).
 *
 * SQLite runs with `synchronous = NORMAL` in WAL mode: a COMMIT writes its frames to the WAL but
 * does not wait for the disk. The driver counts every commit (`noteCommit`), and a use of the
 * connection that committed — a transaction, or a write outside one — waits on `durable()` after
 * letting the connection go: until the WAL is on disk up to the last commit made so far. So
 * nothing is acknowledged (an answer, a live event, an email) before it is on disk: the guarantee
 * of `synchronous = FULL`. But the fdatasync runs off the event loop, the next transaction runs
 * while it is in flight, and every commit made meanwhile shares the next fdatasync.
 *
 * A reader may see a commit up to one fdatasync before it is on disk. Should the machine lose
 * power in that moment, what it saw is gone with a write nobody was told was stored — and nothing
 * that builds on it can outlive it: the WAL is one ordered log, so a later commit on disk means
 * every earlier one is too.
 *
 * A failed fdatasync (a full or failing disk) rejects everyone waiting on it: their answers are
 * errors (507 `storage_full` for ENOSPC, R54), never a false "stored". The next `durable()` tries
 * again, so the server recovers by itself when the disk does.
 */
export class WalSync {
  #committed = 0;
  #synced = 0;
  #flushing: Promise<void> | null = null;

  constructor(private readonly wal: SyncWal) {}

  /** A commit (or an autocommit write) has written to the WAL. */
  noteCommit(): void {
    this.#committed += 1;
  }

  /** Resolves once every commit noted so far is on disk. */
  async durable(): Promise<void> {
    const target = this.#committed;
    while (this.#synced < target) {
      this.#flushing ??= this.#flush();
      await this.#flushing;
    }
  }

  /** Waits for a flush in flight, then lets the WAL's descriptor go. */
  async close(): Promise<void> {
    await this.#flushing?.catch(() => undefined);
    await this.wal.close();
  }

  async #flush(): Promise<void> {
    const upTo = this.#committed;
    try {
      await this.wal.sync();
      this.#synced = Math.max(this.#synced, upTo);
    } finally {
      this.#flushing = null;
    }
  }
}
