import { parseSettings } from '@confide/api';
import { clientTargets, recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import type { JobRunsTable } from '../../db/schema';
import { transact } from '../../db/transact';
import { unscoped } from '../../db/unscoped';
import { nowIso } from '../../ids';
import { retentionCutoff, retentionDay, retentionRunAt } from '../../policies/retention';
import { getPractice } from '../practices/practices.repo';
import { deleteBlobs } from '../threads/delete-blobs';
import { destroyThreadRows } from '../threads/destroy-thread';
import { clientIdsOf, loadParticipants, lockParticipantRows } from '../threads/threads.repo';
import { expiredThreadIds, queueRun } from './retention.repo';

/** Threads destroyed per transaction: a first run over years of history commits in steps. */
const BATCH = 50;

/** What a day's run destroyed so far (the `result` of its job_runs row). */
interface RunTally {
  threads: number;
  messages: number;
  attachments: number;
}

/** Queues today's run of every practice that keeps messages for a number of years, once its run time has come. */
async function queueDueRuns(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  // `practices` is not practice-owned: listing them needs no unscoped reason.
  const practices = await ctx.db.selectFrom('practices').select(['id', 'settings']).execute();
  for (const practice of practices) {
    const settings = parseSettings(practice.settings);
    if (settings.retentionYears === null) continue;
    const { day, isDue } = retentionDay(now, settings.timeZone);
    if (isDue) await queueRun(ctx.db, practice.id, day, nowIso(now));
  }
}

/** Destroys up to BATCH of a run's threads as R19 does; each leaves a `thread.purged` audit row. */
async function purgeBatch(tx: Tx, ctx: AppContext, run: JobRunsTable) {
  const practiceId = run.practice_id;
  const settings = parseSettings((await getPractice(tx, practiceId)).settings);
  // The cutoff is reckoned from the run's scheduled time, so the admin's preview shows exactly it.
  const cutoff = retentionCutoff(retentionRunAt(run.day, settings.timeZone), settings.retentionYears);
  const ids = cutoff ? await expiredThreadIds(tx, practiceId, nowIso(cutoff), BATCH) : [];
  const blobKeys: string[] = [];
  const tally: RunTally = { threads: 0, messages: 0, attachments: 0 };
  for (const threadId of ids) {
    const before = await lockParticipantRows(tx, ctx.dialect, practiceId, threadId);
    // Read again under the lock: a reply that committed meanwhile keeps the thread.
    const thread = await tx
      .selectFrom('threads')
      .select('last_message_at')
      .where('practice_id', '=', practiceId)
      .where('id', '=', threadId)
      .executeTakeFirst();
    if (!thread || !cutoff || thread.last_message_at >= nowIso(cutoff)) continue;
    const members = (await loadParticipants(tx, practiceId, [threadId])).get(threadId) ?? [];
    const messages = await tx
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('practice_id', '=', practiceId)
      .where('thread_id', '=', threadId)
      .executeTakeFirstOrThrow();
    // Ids only, as for R19; the label says the practice's retention period did it (no person).
    await recordAudit(tx, {
      practiceId,
      actorId: null,
      action: 'thread.purged',
      targets: { threadId, retentionYears: String(settings.retentionYears), ...clientTargets(clientIdsOf(members)) },
    });
    const gone = await destroyThreadRows(tx, practiceId, threadId, before);
    blobKeys.push(...gone);
    tally.threads += 1;
    tally.messages += Number(messages.n);
    tally.attachments += gone.length;
  }
  return { blobKeys, tally, isLast: ids.length < BATCH };
}

/**
 * Claims an unfinished run and does one batch of it, in one transaction, the way R41's jobs are
 * claimed: on PostgreSQL the run's row is locked `FOR UPDATE SKIP LOCKED`, so another node takes
 * another run or none and no thread is destroyed twice; SQLite has one writer. The run is
 * finished in the transaction of its last batch.
 */
async function runBatch(ctx: AppContext): Promise<{ threads: number; blobKeys: string[] } | null> {
  let claimed: JobRunsTable | null = null;
  try {
    return await transact(ctx, async (tx) => {
      let open = unscoped(tx, 'retention.jobs')
        .selectFrom('job_runs')
        .selectAll()
        .where('job', '=', 'retention')
        .where('finished_at', 'is', null)
        .orderBy('day')
        .orderBy('practice_id')
        .limit(1);
      if (ctx.dialect === 'postgres') open = open.forUpdate().skipLocked();
      const run = (await open.executeTakeFirst()) ?? null;
      if (!run) return null;
      claimed = run;
      const { blobKeys, tally, isLast } = await purgeBatch(tx, ctx, run);
      const before = run.result ? (JSON.parse(run.result) as RunTally) : { threads: 0, messages: 0, attachments: 0 };
      const now = nowIso(ctx.clock.now());
      await tx
        .updateTable('job_runs')
        .set({
          claimed_at: now,
          finished_at: isLast ? now : null,
          result: JSON.stringify({
            threads: before.threads + tally.threads,
            messages: before.messages + tally.messages,
            attachments: before.attachments + tally.attachments,
          }),
        })
        .where('practice_id', '=', run.practice_id)
        .where('job', '=', run.job)
        .where('day', '=', run.day)
        .execute();
      return { threads: tally.threads, blobKeys };
    });
  } catch (error) {
    // A run that cannot finish must not hold up the others: it ends, marked failed, and the
    // next day's run (same cutoff rule) takes what it left. A database that is away fails this
    // too, and the run is tried again at the next round.
    const run = claimed as JobRunsTable | null;
    if (!run) throw error;
    ctx.log.error({ err: { name: (error as Error)?.name }, day: run.day }, 'retention run failed');
    await ctx.db
      .updateTable('job_runs')
      .set({ finished_at: nowIso(ctx.clock.now()), result: JSON.stringify({ failed: true }) })
      .where('practice_id', '=', run.practice_id)
      .where('job', '=', run.job)
      .where('day', '=', run.day)
      .where('finished_at', 'is', null)
      .execute();
    return { threads: 0, blobKeys: [] };
  }
}

/** R51: queues the due daily runs and works them off by the context's clock; answers how many threads it destroyed. */
export async function runDueRetention(ctx: AppContext): Promise<number> {
  await queueDueRuns(ctx);
  let total = 0;
  for (;;) {
    const batch = await runBatch(ctx);
    if (!batch) return total;
    total += batch.threads;
    await deleteBlobs(ctx, batch.blobKeys);
  }
}
