import type { DbOrTx } from '../../db';
import { nowIso } from '../../ids';
import { retentionDay } from '../../policies/retention';

/** The oldest threads of a practice whose last message is before the cutoff (R51). */
export async function expiredThreadIds(db: DbOrTx, practiceId: string, cutoff: string, limit: number) {
  const rows = await db
    .selectFrom('threads')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('last_message_at', '<', cutoff)
    .orderBy('last_message_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** What destroying every thread last active before the cutoff takes: the same rows R19 purges. */
export async function expiredTotals(db: DbOrTx, practiceId: string, cutoff: string) {
  const expired = db
    .selectFrom('threads')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('last_message_at', '<', cutoff);
  const threads = await db
    .selectFrom('threads')
    .select((eb) => [
      eb.fn.countAll().as('n'),
      eb.fn.min('last_message_at').as('oldest'),
      eb.fn.max('last_message_at').as('newest'),
    ])
    .where('practice_id', '=', practiceId)
    .where('last_message_at', '<', cutoff)
    .executeTakeFirstOrThrow();
  const messageIds = db
    .selectFrom('messages')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('thread_id', 'in', expired);
  const messages = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('practice_id', '=', practiceId)
    .where('thread_id', 'in', expired)
    .executeTakeFirstOrThrow();
  const draftIds = db
    .selectFrom('drafts')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('thread_id', 'in', expired);
  const attachments = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb('message_id', 'in', messageIds), eb('draft_id', 'in', draftIds)]))
    .executeTakeFirstOrThrow();
  return {
    threads: Number(threads.n),
    messages: Number(messages.n),
    attachments: Number(attachments.n),
    oldestActivity: (threads.oldest as string | null) ?? null,
    newestActivity: (threads.newest as string | null) ?? null,
  };
}

/** Whether a practice's retention run of a day has finished. */
export async function isRunFinished(db: DbOrTx, practiceId: string, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('job_runs')
    .select('finished_at')
    .where('practice_id', '=', practiceId)
    .where('job', '=', 'retention')
    .where('day', '=', day)
    .executeTakeFirst();
  return Boolean(row?.finished_at);
}

/** Queues a practice's run of a day; a run another node queued first stays as it is. */
export async function queueRun(db: DbOrTx, practiceId: string, day: string, now: string): Promise<void> {
  await db
    .insertInto('job_runs')
    .values({ practice_id: practiceId, job: 'retention', day, claimed_at: now, finished_at: null, result: null })
    .onConflict((oc) => oc.columns(['practice_id', 'job', 'day']).doNothing())
    .execute();
}

/**
 * A new or shorter period never destroys anything the same day: when today's run time has
 * passed, today's run is recorded as done (with nothing removed), so the first run under the new
 * period is tomorrow's and the admin sees its preview first. A run already under way goes on.
 */
export async function deferTodaysRetentionRun(db: DbOrTx, practiceId: string, timeZone: string, now: Date) {
  const { day, isDue } = retentionDay(now, timeZone);
  if (!isDue) return;
  await db
    .insertInto('job_runs')
    .values({
      practice_id: practiceId,
      job: 'retention',
      day,
      claimed_at: nowIso(now),
      finished_at: nowIso(now),
      result: JSON.stringify({ threads: 0, messages: 0, attachments: 0, deferred: true }),
    })
    .onConflict((oc) => oc.columns(['practice_id', 'job', 'day']).doNothing())
    .execute();
}
