import type { AppContext } from '../../context';
import { binding } from '../../crypto/bindings';
import { unscoped } from '../../db/unscoped';
import { nowIso } from '../../ids';
import { userName } from '../accounts/users.repo';
import { indexNames, indexStoredMessages, indexSubject } from './search-index';

const THREADS_PER_BATCH = 100;

/**
 * R44: indexes the threads and messages written before the search index existed, a batch of
 * threads per transaction, once per practice (marked in `search_backfill`). New messages are
 * queued as they are sent (search/indexer.ts), so rows already there are skipped (ON CONFLICT DO NOTHING). Returns
 * how many messages it indexed; `isStopping` ends it between batches (the next start resumes).
 */
export async function backfillSearchIndex(ctx: AppContext, isStopping: () => boolean = () => false): Promise<number> {
  let indexed = 0;
  // Every practice not yet backfilled, in one query (this runs at every start).
  const practices = await unscoped(ctx.db, 'search.backfill')
    .selectFrom('practices as p')
    .leftJoin('search_backfill as b', 'b.practice_id', 'p.id')
    .select('p.id')
    .where('b.practice_id', 'is', null)
    .orderBy('p.id')
    .execute();
  for (const { id: practiceId } of practices) {
    const cipher = await ctx.keys.forPractice(ctx.db, practiceId);
    let afterId = '';
    for (;;) {
      if (isStopping()) return indexed;
      const batch = await ctx.db.transaction().execute(async (tx) => {
        const threads = await tx
          .selectFrom('threads')
          .select(['id', 'subject_enc', 'created_at'])
          .where('practice_id', '=', practiceId)
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(THREADS_PER_BATCH)
          .execute();
        if (threads.length === 0) return null;
        const messages = await tx
          .selectFrom('messages')
          .select(['id', 'thread_id', 'body_enc', 'created_at'])
          .where('practice_id', '=', practiceId)
          .where(
            'thread_id',
            'in',
            threads.map((t) => t.id),
          )
          .execute();
        for (const t of threads) {
          const subject = cipher.decrypt(binding('threads.subject', t.id), t.subject_enc);
          await indexSubject(tx, cipher, { practiceId, threadId: t.id, at: t.created_at, subject });
        }
        await indexStoredMessages(tx, cipher, practiceId, messages);
        return { lastId: threads[threads.length - 1]?.id ?? afterId, messages: messages.length };
      });
      if (!batch) break;
      afterId = batch.lastId;
      indexed += batch.messages;
    }
    await ctx.db
      .insertInto('search_backfill')
      .values({ practice_id: practiceId, finished_at: nowIso(ctx.clock.now()) })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return indexed;
}

/** People indexed per transaction by the name backfill. */
const PEOPLE_PER_BATCH = 500;

/**
 * R44: indexes the names of the people created before the name index existed (or written
 * straight into the database): those with no row in `search_names`, a batch per transaction.
 * Returns how many it indexed.
 */
export async function backfillNameIndex(ctx: AppContext, isStopping: () => boolean = () => false): Promise<number> {
  const missing = await unscoped(ctx.db, 'search.backfill')
    .selectFrom('users as u')
    .select(['u.id', 'u.practice_id', 'u.name_enc'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('search_names as n')
            .select('n.user_id')
            .whereRef('n.practice_id', '=', 'u.practice_id')
            .whereRef('n.user_id', '=', 'u.id'),
        ),
      ),
    )
    .orderBy('u.practice_id')
    .execute();
  for (let i = 0; i < missing.length; i += PEOPLE_PER_BATCH) {
    if (isStopping()) return i;
    const batch = missing.slice(i, i + PEOPLE_PER_BATCH);
    await ctx.db.transaction().execute(async (tx) => {
      for (const practiceId of new Set(batch.map((u) => u.practice_id))) {
        const cipher = await ctx.keys.forPractice(tx, practiceId);
        const people = batch
          .filter((u) => u.practice_id === practiceId)
          .map((u) => ({ userId: u.id, name: userName(cipher, u) }));
        await indexNames(tx, cipher, people);
      }
    });
  }
  return missing.length;
}

/** Runs the backfill once in the background after start; `stop` waits for the batch under way. */
export function startSearchBackfill(ctx: AppContext): { stop(): Promise<void> } {
  let isStopping = false;
  const running = backfillNameIndex(ctx, () => isStopping)
    .then(async (people) => ({ people, messages: await backfillSearchIndex(ctx, () => isStopping) }))
    .then(({ people, messages }) => {
      if (people > 0 || messages > 0) ctx.log.info({ people, messages }, 'search index backfilled');
    })
    .catch((error: unknown) => ctx.log.error({ err: { type: (error as Error).name } }, 'search backfill failed'));
  return {
    stop: async () => {
      isStopping = true;
      await running;
    },
  };
}
