import type { AppContext } from '../../context';
import { nowIso } from '../../ids';
import { blobKeysInUse, deleteExpiredUnsent } from './attachments.repo';

const UNSENT_LIFETIME_MS = 24 * 60 * 60 * 1000;
const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const BATCH = 200;

/** The creation time written into a UUIDv7 blob key, or null for a key of another shape. */
export function blobKeyTime(key: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key)) return null;
  return parseInt(key.slice(0, 8) + key.slice(9, 13), 16);
}

/**
 * Removes attachments uploaded but never sent or put in a draft within 24 hours (rows, then
 * their blobs), blobs no row points at once they are an hour old (uploads that failed
 * half-way, or blobs whose message was deleted), and after the same hour what interrupted
 * uploads left unfinished (R54: `.partial` files of a node killed mid-upload). Rows go first,
 * so no row ever points at a missing blob; a blob whose deletion fails is an orphan the next
 * sweep finds.
 */
export async function sweepAttachments(
  ctx: AppContext,
  now: Date = new Date(),
): Promise<{ expired: number; orphans: number; unfinished: number }> {
  let expired = 0;
  const cutoff = nowIso(new Date(now.getTime() - UNSENT_LIFETIME_MS));
  for (;;) {
    const keys = await deleteExpiredUnsent(ctx.db, cutoff, BATCH);
    await Promise.all(keys.map((key) => ctx.blobs.delete(key)));
    expired += keys.length;
    if (keys.length < BATCH) break;
  }

  let orphans = 0;
  const graceEnd = now.getTime() - ORPHAN_GRACE_MS;
  let batch: string[] = [];
  const check = async () => {
    const inUse = await blobKeysInUse(ctx.db, batch);
    const unused = batch.filter((key) => !inUse.has(key));
    await Promise.all(unused.map((key) => ctx.blobs.delete(key)));
    orphans += unused.length;
    batch = [];
  };
  for await (const key of ctx.blobs.list()) {
    const time = blobKeyTime(key);
    // A key this code did not make is left alone; a young one may belong to an upload in flight.
    if (time === null || time > graceEnd) continue;
    batch.push(key);
    if (batch.length >= BATCH) await check();
  }
  if (batch.length > 0) await check();

  let unfinished = 0;
  try {
    unfinished = await ctx.blobs.removeUnfinished(new Date(graceEnd));
  } catch (error) {
    // Some S3-compatible stores cannot list multipart uploads; a bucket lifecycle rule covers them.
    ctx.log.warn({ err: { type: (error as Error)?.name } }, 'could not remove unfinished uploads');
  }
  return { expired, orphans, unfinished };
}

/** Runs the sweep every `everyMs` (default 15 minutes) until stopped; failures are logged and retried. */
export function startAttachmentSweeper(ctx: AppContext, everyMs = 15 * 60 * 1000): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepAttachments(ctx)
      .then((result) => {
        if (result.expired + result.orphans + result.unfinished > 0) ctx.log.info(result, 'attachment sweep');
      })
      .catch((error: unknown) => ctx.log.error({ err: { type: (error as Error).name } }, 'attachment sweep failed'))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
