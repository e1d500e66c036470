import { createWriteStream } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobNotFoundError, type BlobStore } from './blob-store';
import { ensurePrivateDir } from './private-files';

const KEY = /^[a-z0-9-]{8,80}$/;
const PARTIAL = /^[a-z0-9-]{8,80}\.partial$/;

/** Blobs as files under one directory, written to a temporary name, fsync'd, then renamed. */
export class LocalBlobStore implements BlobStore {
  private isDirReady = false;

  constructor(private readonly dir: string) {}

  async put(key: string, body: Readable): Promise<void> {
    const path = this.path(key);
    const partial = `${path}.partial`;
    if (!this.isDirReady) {
      ensurePrivateDir(this.dir);
      this.isDirReady = true;
    }
    const out = createWriteStream(partial, { mode: 0o600 });
    try {
      await pipeline(body, out);
      const handle = await open(partial, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, path);
      // The rename itself must survive power loss too: sync the directory entry.
      const dir = await open(this.dir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch (error) {
      // A refused upload can fail before the file is even open: wait until it is closed, or the
      // open would create the partial file after it was removed, and nothing would ever remove it.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream({ autoClose: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *list(): AsyncIterable<string> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    for (const name of names) if (KEY.test(name)) yield name;
  }

  async removeUnfinished(before: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!PARTIAL.test(name)) continue;
      const path = join(this.dir, name);
      // A partial file still being written keeps a fresh modification time.
      const modified = await stat(path).then(
        (s) => s.mtimeMs,
        () => null,
      );
      if (modified === null || modified >= before.getTime()) continue;
      await rm(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  private path(key: string): string {
    // Keys are server-generated; this check keeps any other string from becoming a path.
    if (!KEY.test(key)) throw new Error('invalid blob key');
    return join(this.dir, key);
  }
}
