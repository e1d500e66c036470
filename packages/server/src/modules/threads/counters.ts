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
 * A message arrived in a thread: the sender has sent, and for everyone else someone wrote to them,
 * so the thread is back in their Inbox, unread. Returns the badge deltas: +1 for each recipient the
 * thread now counts for and did not before. No row is read first: the first UPDATE locks every
 * participant row (in key order, as `lockParticipantRows` does, so writers cannot deadlock), and
 * the second changes, under those locks, exactly the rows that were not counted and names them —
 * so two concurrent sends never count the same recipient twice.
 */
export async function markMessageArrived(
  tx: DbOrTx,
  input: { practiceId: string; threadId: string; senderId: string; now: string },
): Promise<Map<string, number>> {
  await tx
    .updateTable('thread_participants')
    .set((eb) => ({
      has_sent: eb.case().when('user_id', '=', input.senderId).then(eb.lit(1)).else(eb.ref('has_sent')).end(),
      last_activity_at: input.now,
    }))
    .where('thread_id', '=', input.threadId)
    .where('practice_id', '=', input.practiceId)
    .execute();
  const counted = await tx
    .updateTable('thread_participants')
    .set({ has_incoming: 1, unread: 1, archived: 0 })
    .where('thread_id', '=', input.threadId)
    .where('practice_id', '=', input.practiceId)
    .where('user_id', '!=', input.senderId)
    .where((eb) => eb.or([eb('unread', '=', 0), eb('archived', '!=', 0), eb('has_incoming', '=', 0)]))
    .returning('user_id')
    .execute();
  const deltas = new Map<string, number>();
  for (const row of counted) addDelta(deltas, row.user_id, 1);
  return deltas;
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
