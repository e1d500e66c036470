import type { AppContext } from '../../context';
import type { SafetyJobsTable } from '../../db/schema';
import { transact } from '../../db/transact';
import { unscoped } from '../../db/unscoped';
import { nowIso } from '../../ids';
import { escalate } from './escalate';
import { sendReminder } from './send-reminder';

/**
 * Claims one due job and runs it, in one transaction: the job is marked done together with
 * what it did (emails, alert, audit, live events), or not at all. On PostgreSQL the row is
 * locked `FOR UPDATE SKIP LOCKED`, so a worker on another node takes another job or none, and
 * once this commits the row is no longer pending. SQLite has one writer and serializes
 * transactions, so the select and update cannot interleave with another claim.
 */
async function runOne(ctx: AppContext): Promise<SafetyJobsTable | null> {
  let claimed: SafetyJobsTable | null = null;
  try {
    return await transact(ctx, async (tx) => {
      const now = nowIso(ctx.clock.now());
      let due = unscoped(tx, 'safety.jobs')
        .selectFrom('safety_jobs')
        .selectAll()
        .where('state', '=', 'pending')
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .limit(1);
      if (ctx.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const job = (await due.executeTakeFirst()) ?? null;
      if (!job) return null;
      claimed = job;
      await tx
        .updateTable('safety_jobs')
        .set({ state: 'done', done_at: now })
        .where('practice_id', '=', job.practice_id)
        .where('id', '=', job.id)
        .execute();
      if (job.kind === 'reminder') await sendReminder(tx, job);
      else await escalate(tx, job, now);
      return job;
    });
  } catch (error) {
    // A job that cannot run must not block the queue: it is set aside, visible in the table.
    const job = claimed as SafetyJobsTable | null;
    if (!job) throw error;
    ctx.log.error({ err: { name: (error as Error)?.name }, jobId: job.id, kind: job.kind }, 'safety job failed');
    await ctx.db
      .updateTable('safety_jobs')
      .set({ state: 'failed', done_at: nowIso(ctx.clock.now()) })
      .where('practice_id', '=', job.practice_id)
      .where('id', '=', job.id)
      .where('state', '=', 'pending')
      .execute();
    return job;
  }
}

/** Runs every job due by the context's clock (R41); answers how many it ran. */
export async function runDueSafetyJobs(ctx: AppContext): Promise<number> {
  let ran = 0;
  for (;;) {
    if (!(await runOne(ctx))) return ran;
    ran += 1;
  }
}
