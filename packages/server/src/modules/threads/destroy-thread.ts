import type { Tx } from '../../db';
import { recordEvents } from '../../realtime/event-log';
import { applyUnreadDeltas } from './counters';
import { purgeThreadRows } from './purge';
import type { ParticipantRow } from './threads.repo';

/**
 * R19: destroys a thread inside the caller's transaction (opened by `transact`) — its rows, a
 * live `thread.deleted` for every participant and their badge corrections. The caller locks the
 * participant rows (they are `participants`) and writes its audit row in the same transaction;
 * after commit it deletes the returned blobs (`deleteBlobs`). Used by a person's deletion (R18)
 * and by retention (R51).
 */
export async function destroyThreadRows(
  tx: Tx,
  practiceId: string,
  threadId: string,
  participants: ParticipantRow[],
): Promise<string[]> {
  const purged = await purgeThreadRows(tx, practiceId, threadId, participants);
  await recordEvents(tx, practiceId, [
    ...participants.map((row) => ({ userId: row.user_id, event: { type: 'thread.deleted' as const, threadId } })),
    ...(await applyUnreadDeltas(tx, practiceId, purged.deltas)),
  ]);
  return purged.blobKeys;
}
