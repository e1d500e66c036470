import type { DbOrTx } from '../../db';
import type { NewLiveEvent } from '../../realtime/event-log';

/** The participant flags that decide whether a thread counts toward the unread badge (R12). */
export interface UnreadFlags {
  unread: number;
  archived: number;
  has_incoming: number;
}

/** A thread counts when it is in the Inbox (someone wrote to me, not archived) and unread. */
export function isCounted(row: UnreadFlags): boolean {
  return Boolean(row.unread) && !row.archived && Boolean(row.has_incoming);
}

/** +1, 0 or −1: how a change of flags moves the badge. */
export function countDelta(before: UnreadFlags, after: UnreadFlags): number {
  return Number(isCounted(after)) - Number(isCounted(before));
}

/**
 * Applies badge deltas to users.unread_count (in id order, so concurrent writers lock in the
 * same order) and returns the `unread` events with the new counts.
 */
export async function applyUnreadDeltas(
  tx: DbOrTx,
  practiceId: string,
  deltas: Map<string, number>,
): Promise<{ userId: string; event: NewLiveEvent }[]> {
  const events: { userId: string; event: NewLiveEvent }[] = [];
  for (const userId of [...deltas.keys()].sort()) {
    const delta = deltas.get(userId) ?? 0;
    if (delta === 0) continue;
    const row = await tx
      .updateTable('users')
      .set((eb) => ({ unread_count: eb('unread_count', '+', delta) }))
      .where('id', '=', userId)
      .where('practice_id', '=', practiceId)
      .returning('unread_count')
      .executeTakeFirst();
    if (row) events.push({ userId, event: { type: 'unread', count: Number(row.unread_count) } });
  }
  return events;
}

/** Adds a delta for a user to a map of deltas. */
export function addDelta(deltas: Map<string, number>, userId: string, delta: number): void {
  if (delta !== 0) deltas.set(userId, (deltas.get(userId) ?? 0) + delta);
}
