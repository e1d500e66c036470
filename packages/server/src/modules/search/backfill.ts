import type { AppContext } from '../../context';
import { binding } from '../../crypto/bindings';
import { unscoped } from '../../db/unscoped';
import { nowIso } from '../../ids';
import { loadAttachments } from '../threads/threads.repo';
import { indexMessage, indexSubject } from './search-index';

const THREADS_PER_BATCH = 100;

/**
 * R44: indexes the threads and messages written before the search index existed, a batch of
 * threads per transaction, once per practice (marked in `search_backfill`). New messages are
 * indexed as they are sent, so rows already there are skipped (ON CONFLICT DO NOTHING). Returns
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
        const files = new Map<string, string[]>();
        const attachments = await loadAttachments(
          tx,
          practiceId,
          'message_id',
          messages.map((m) => m.id),
        );
        for (const a of attachments) {
          const name = cipher.decrypt(binding('attachments.name', a.id), a.name_enc);
          files.set(a.message_id ?? '', [...(files.get(a.message_id ?? '') ?? []), name]);
        }
        for (const t of threads) {
          const subject = cipher.decrypt(binding('threads.subject', t.id), t.subject_enc);
          await indexSubject(tx, cipher, { practiceId, threadId: t.id, at: t.created_at, subject });
        }
        for (const m of messages) {
          await indexMessage(tx, cipher, {
            practiceId,
            threadId: m.thread_id,
            messageId: m.id,
            at: m.created_at,
            bodyHtml: cipher.decrypt(binding('messages.body', m.id), m.body_enc),
            attachmentNames: files.get(m.id) ?? [],
          });
        }
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

/** Runs the backfill once in the background after start; `stop` waits for the batch under way. */
export function startSearchBackfill(ctx: AppContext): { stop(): Promise<void> } {
  let isStopping = false;
  const running = backfillSearchIndex(ctx, () => isStopping)
    .then((messages) => {
      if (messages > 0) ctx.log.info({ messages }, 'search index backfilled');
    })
    .catch((error: unknown) => ctx.log.error({ err: { type: (error as Error).name } }, 'search backfill failed'));
  return {
    stop: async () => {
      isStopping = true;
      await running;
    },
  };
}
