import type { DbOrTx } from '../../db';
import type { SafetyJobsTable } from '../../db/schema';
import { newId } from '../../ids';

export type SafetyJobKind = SafetyJobsTable['kind'];

/** The kinds of job still pending on a thread. */
export async function pendingJobKinds(db: DbOrTx, practiceId: string, threadId: string): Promise<Set<SafetyJobKind>> {
  const rows = await db
    .selectFrom('safety_jobs')
    .select('kind')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .where('state', '=', 'pending')
    .execute();
  return new Set(rows.map((row) => row.kind));
}

/** Queues a reminder or escalation of a client's message, due at a time (R41). */
export async function addJob(
  db: DbOrTx,
  job: { practiceId: string; threadId: string; messageId: string; kind: SafetyJobKind; dueAt: string; now: string },
): Promise<void> {
  await db
    .insertInto('safety_jobs')
    .values({
      id: newId(),
      practice_id: job.practiceId,
      thread_id: job.threadId,
      message_id: job.messageId,
      kind: job.kind,
      due_at: job.dueAt,
      state: 'pending',
      created_at: job.now,
      done_at: null,
    })
    .execute();
}

/** Cancels a thread's pending jobs of some kinds (a staff member opened or answered it). */
export async function cancelJobs(
  db: DbOrTx,
  input: { practiceId: string; threadId: string; kinds: SafetyJobKind[]; now: string },
): Promise<void> {
  await db
    .updateTable('safety_jobs')
    .set({ state: 'cancelled', done_at: input.now })
    .where('practice_id', '=', input.practiceId)
    .where('thread_id', '=', input.threadId)
    .where('kind', 'in', input.kinds)
    .where('state', '=', 'pending')
    .execute();
}

/** The active staff taking part in a thread (those a reminder or escalation reaches). */
export async function activeThreadStaff(db: DbOrTx, practiceId: string, threadId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('thread_participants as tp')
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'tp.user_id').onRef('u.practice_id', '=', 'tp.practice_id'),
    )
    .select('u.id')
    .where('tp.practice_id', '=', practiceId)
    .where('tp.thread_id', '=', threadId)
    .where('u.kind', '=', 'staff')
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((row) => row.id);
}
