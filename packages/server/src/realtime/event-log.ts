import type { LiveEvent } from '@confide/api';
import type { DbOrTx } from '../db';
import { newId, nowIso } from '../ids';

/** A live event without its cursor, as operations describe it. */
export type NewLiveEvent = LiveEvent extends infer E ? (E extends { seq: string } ? Omit<E, 'seq'> : never) : never;

/** One stored event for one user, ready to publish after commit. */
export interface StoredEvent {
  practiceId: string;
  userId: string;
  event: LiveEvent;
}

/**
 * Writes live events into the per-user event log inside the caller's transaction, so a client
 * that reconnects can catch up from its last `seq`. Publish the result only after commit.
 */
export async function recordEvents(
  tx: DbOrTx,
  practiceId: string,
  entries: { userId: string; event: NewLiveEvent }[],
): Promise<StoredEvent[]> {
  if (entries.length === 0) return [];
  const at = nowIso();
  const stored = entries.map(({ userId, event }) => ({
    practiceId,
    userId,
    event: { ...event, seq: newId() },
  }));
  await tx
    .insertInto('events')
    .values(
      stored.map((s) => ({
        seq: s.event.seq,
        practice_id: practiceId,
        user_id: s.userId,
        type: s.event.type,
        payload: JSON.stringify(s.event),
        created_at: at,
      })),
    )
    .execute();
  return stored;
}
