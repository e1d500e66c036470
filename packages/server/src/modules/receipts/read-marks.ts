import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import { nowIso } from '../../ids';
import type { NewLiveEvent } from '../../realtime/event-log';
import { parseSettings } from '@confide/api';
import { getPractice } from '../practices/practices.repo';

/** Up to which message someone has read a thread, in the thread's order (created_at, then id). */
export interface ReadMark {
  through_at: string;
  through_id: string;
}

/** Whether a read mark reaches a message. */
export function reaches(mark: ReadMark, message: { id: string; created_at: string }): boolean {
  return (
    mark.through_at > message.created_at || (mark.through_at === message.created_at && mark.through_id >= message.id)
  );
}

/**
 * R47: inside the transaction that marks a thread read for `userId`, records how far they read
 * (the thread's newest message) and when, and returns `message.read` events for the others who
 * wrote in the thread and see receipts: staff always; clients where the practice shows them
 * receipts, and only of staff they can see (R36). One row per read of an unread thread, never one
 * per message.
 */
export async function recordReadInTx(
  tx: Tx,
  ctx: Pick<AppContext, 'clock'>,
  reader: { userId: string; practiceId: string },
  threadId: string,
): Promise<{ userId: string; event: NewLiveEvent }[]> {
  const newest = await tx
    .selectFrom('messages')
    .select(['id', 'created_at'])
    .where('practice_id', '=', reader.practiceId)
    .where('thread_id', '=', threadId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return [];
  await tx
    .insertInto('thread_reads')
    .values({
      practice_id: reader.practiceId,
      thread_id: threadId,
      user_id: reader.userId,
      through_at: newest.created_at,
      through_id: newest.id,
      read_at: nowIso(ctx.clock.now()),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const writers = await tx
    .selectFrom('messages as m')
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'm.sender_id').onRef('u.practice_id', '=', 'm.practice_id'),
    )
    .select(['m.sender_id', 'u.kind'])
    .distinct()
    .where('m.practice_id', '=', reader.practiceId)
    .where('m.thread_id', '=', threadId)
    .where('m.sender_id', '!=', reader.userId)
    .execute();
  const clientsSeeIt = writers.some((w) => w.kind === 'client') && (await clientsSeeReader(tx, reader, threadId));
  return writers
    .filter((w) => w.kind === 'staff' || clientsSeeIt)
    .map((w) => ({ userId: w.sender_id, event: { type: 'message.read', threadId } }));
}

/** Whether this reader's reading shows on clients' receipts: the practice shows them receipts, and the reader is staff a client sees (R36). */
async function clientsSeeReader(
  tx: Tx,
  reader: { userId: string; practiceId: string },
  threadId: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('thread_participants as tp')
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'tp.user_id').onRef('u.practice_id', '=', 'tp.practice_id'),
    )
    .select(['u.kind', 'tp.joined_for'])
    .where('tp.practice_id', '=', reader.practiceId)
    .where('tp.thread_id', '=', threadId)
    .where('tp.user_id', '=', reader.userId)
    .executeTakeFirst();
  if (!row || row.kind !== 'staff' || row.joined_for) return false;
  return parseSettings((await getPractice(tx, reader.practiceId)).settings).clientReadReceipts;
}
