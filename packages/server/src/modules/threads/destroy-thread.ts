import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import { recordEvents, type StoredEvent } from '../../realtime/event-log';
import { applyUnreadDeltas } from './counters';
import { deleteBlobs } from './delete-blobs';
import { purgeThreadRows } from './purge';
import type { ParticipantRow } from './threads.repo';

/** What a destroyed thread leaves to do once its transaction has committed. */
export interface DestroyedThread {
  events: StoredEvent[];
  blobKeys: string[];
}

/**
 * R19: destroys a thread inside the caller's transaction — its rows, a live `thread.deleted` for
 * every participant and their badge corrections. The caller locks the participant rows (they
 * are `participants`) and writes its audit row in the same transaction; then calls
 * `finishDestruction` after commit. Used by a person's deletion (R18) and by retention (R51).
 */
export async function destroyThreadRows(
  tx: Tx,
  practiceId: string,
  threadId: string,
  participants: ParticipantRow[],
): Promise<DestroyedThread> {
  const purged = await purgeThreadRows(tx, practiceId, threadId, participants);
  const events = await recordEvents(tx, practiceId, [
    ...participants.map((row) => ({ userId: row.user_id, event: { type: 'thread.deleted' as const, threadId } })),
    ...(await applyUnreadDeltas(tx, practiceId, purged.deltas)),
  ]);
  return { events, blobKeys: purged.blobKeys };
}

/** After commit: the views of every participant drop the threads, and their files' contents are destroyed. */
export async function finishDestruction(
  ctx: Pick<AppContext, 'bus' | 'blobs' | 'log'>,
  destroyed: DestroyedThread[],
): Promise<void> {
  ctx.bus.publish(destroyed.flatMap((d) => d.events));
  await deleteBlobs(
    ctx,
    destroyed.flatMap((d) => d.blobKeys),
  );
}
