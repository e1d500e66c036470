import type { LiveEvent } from '@confide/api';
import type { DbOrTx } from '../db';
import { unscoped } from '../db/unscoped';
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

type EventRow = { seq: string; practice_id: string; user_id: string; payload: string };

function toStored(row: EventRow): StoredEvent {
  return { practiceId: row.practice_id, userId: row.user_id, event: JSON.parse(row.payload) as LiveEvent };
}

/** One user's stored events after `since`, oldest first (for catching up after a reconnect). */
export async function loadEventsSince(
  db: DbOrTx,
  practiceId: string,
  userId: string,
  since: string,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['seq', 'practice_id', 'user_id', 'payload'])
    .where('user_id', '=', userId)
    .where('practice_id', '=', practiceId)
    .where('seq', '>', since)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toStored);
}

/** Stored events by seq, in seq order (a relay that sent only ids). */
export async function loadEventsBySeq(db: DbOrTx, seqs: string[]): Promise<StoredEvent[]> {
  if (seqs.length === 0) return [];
  const rows = await unscoped(db, 'events.relay')
    .selectFrom('events')
    .select(['seq', 'practice_id', 'user_id', 'payload'])
    .where('seq', 'in', seqs)
    .orderBy('seq')
    .execute();
  return rows.map(toStored);
}

/**
 * Deletes events older than `maxAgeMs`. Seqs are UUIDv7, which begin with their creation time,
 * so the cut is a range on the primary key rather than a scan of created_at.
 */
export async function pruneEvents(db: DbOrTx, maxAgeMs: number, now = Date.now()): Promise<number> {
  const hex = Math.max(0, now - maxAgeMs)
    .toString(16)
    .padStart(12, '0');
  const cutoff = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
  const result = await unscoped(db, 'events.prune').deleteFrom('events').where('seq', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
