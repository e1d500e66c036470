import type { AppContext } from '../../context';
import { unscoped } from '../../db/unscoped';
import { startPeriodicWorker, type PeriodicWorker } from '../../jobs/periodic-worker';
import { indexStoredMessages } from './search-index';

/** Messages indexed per transaction: a few milliseconds of hashing and writing at a time. */
const BATCH = 16;
/** How often each node looks at the queue. */
const INDEX_EVERY_MS = 200;

/**
 * R44: indexes a batch of a practice's queued messages and takes them off the queue, in one
 * transaction; returns how many it took. On PostgreSQL the queue rows are locked: the background
 * round skips rows another node is indexing, a search waits for them (so it then sees their
 * index rows). A message deleted meanwhile has left the queue in its deletion's transaction.
 */
async function indexBatch(ctx: AppContext, practiceId: string, waitForOthers: boolean): Promise<number> {
  const cipher = await ctx.keys.forPractice(ctx.db, practiceId);
  return ctx.db.transaction().execute(async (tx) => {
    let claim = tx
      .selectFrom('search_queue')
      .select('message_id')
      .where('practice_id', '=', practiceId)
      .orderBy('message_id')
      .limit(BATCH);
    if (ctx.dialect === 'postgres') claim = waitForOthers ? claim.forUpdate() : claim.forUpdate().skipLocked();
    const ids = (await claim.execute()).map((row) => row.message_id);
    if (ids.length === 0) return 0;
    const messages = await tx
      .selectFrom('messages')
      .select(['id', 'thread_id', 'body_enc', 'created_at'])
      .where('practice_id', '=', practiceId)
      .where('id', 'in', ids)
      .execute();
    await indexStoredMessages(tx, cipher, practiceId, messages);
    await tx.deleteFrom('search_queue').where('practice_id', '=', practiceId).where('message_id', 'in', ids).execute();
    return ids.length;
  });
}

/** Indexes a practice's queue a batch at a time until it is empty; returns how many. */
async function drain(ctx: AppContext, practiceId: string, waitForOthers: boolean): Promise<number> {
  let indexed = 0;
  for (;;) {
    const batch = await indexBatch(ctx, practiceId, waitForOthers);
    indexed += batch;
    if (batch < BATCH) return indexed;
  }
}

/** R44: indexes everything a practice has queued (a search calls this first); returns how many. */
export async function indexQueued(ctx: AppContext, practiceId: string): Promise<number> {
  // Usually nothing is queued: one read then, not a transaction. (A row another node is indexing
  // is still visible here, so a search still waits for it.)
  const queued = await ctx.db
    .selectFrom('search_queue')
    .select('message_id')
    .where('practice_id', '=', practiceId)
    .limit(1)
    .executeTakeFirst();
  return queued ? drain(ctx, practiceId, true) : 0;
}

/** One background round: every practice's queue, emptied a batch at a time. */
export async function indexAllQueued(ctx: AppContext): Promise<number> {
  const practices = await unscoped(ctx.db, 'search.queue')
    .selectFrom('search_queue')
    .select('practice_id')
    .distinct()
    .execute();
  let indexed = 0;
  for (const { practice_id } of practices) indexed += await drain(ctx, practice_id, false);
  return indexed;
}

/** Runs the indexer on this node every INDEX_EVERY_MS; `stop` waits for the round under way. */
export function startSearchIndexer(ctx: AppContext): PeriodicWorker {
  return startPeriodicWorker(ctx, 'search index', INDEX_EVERY_MS, indexAllQueued);
}
