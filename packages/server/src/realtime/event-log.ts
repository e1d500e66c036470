import type { LiveEvent } from '@confide/api';
import type { DbOrTx, Tx } from '../db';
import { notifyInTransaction } from '../db/notify';
import { afterCommitOf } from '../db/transact';
import { unscoped } from '../db/unscoped';
import { newId, nowIso } from '../ids';

/** The NOTIFY channel of live events and session changes between nodes (realtime/pg-relay.ts). */
export const EVENTS_CHANNEL = 'confide_events';
/** NOTIFY payloads must stay under 8000 bytes; larger batches travel as seq ids in chunks. */
const MAX_PAYLOAD = 7_500;
const SEQS_PER_NOTICE = 150;

/** What one notice on EVENTS_CHANNEL carries: stored events, their seqs, or "sessions changed". */
export type EventNotice = { events?: StoredEvent[]; seqs?: string[]; sessions?: true; node?: string };

/** A live event without its cursor, as operations describe it. */
export type NewLiveEvent = LiveEvent extends infer E ? (E extends { seq: string } ? Omit<E, 'seq'> : never) : never;

/** One stored event for one user, published after commit. */
export interface StoredEvent {
  practiceId: string;
  userId: string;
  event: LiveEvent;
}

/**
 * Writes live events into the per-user event log inside the caller's transaction, so a client
 * that reconnects can catch up from its last `seq`, and on PostgreSQL notifies the other nodes
 * in the same transaction (R54: they hear of every committed event even if this node dies right
 * after the commit). `transact` publishes them to this node's sockets once the transaction commits;
 * they are returned for callers that need their seqs.
 */
export async function recordEvents(
  tx: Tx,
  practiceId: string,
  entries: { userId: string; event: NewLiveEvent }[],
): Promise<StoredEvent[]> {
  if (entries.length === 0) return [];
  const after = afterCommitOf(tx);
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
  await notifyInTransaction(tx, EVENTS_CHANNEL, notices(stored));
  after.events.push(...stored);
  return stored;
}

/** The NOTIFY payloads for a batch: the events themselves when small, else their seqs in chunks. */
export function notices(events: StoredEvent[]): string[] {
  const whole = JSON.stringify({ events } satisfies EventNotice);
  if (Buffer.byteLength(whole) <= MAX_PAYLOAD) return [whole];
  const payloads: string[] = [];
  for (let i = 0; i < events.length; i += SEQS_PER_NOTICE) {
    const seqs = events.slice(i, i + SEQS_PER_NOTICE).map((e) => e.event.seq);
    payloads.push(JSON.stringify({ seqs } satisfies EventNotice));
  }
  return payloads;
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

/** Every stored event after `since`, oldest first, a page at a time (a relay catching up). */
export async function loadEventsAfter(db: DbOrTx, since: string, limit: number): Promise<StoredEvent[]> {
  const rows = await unscoped(db, 'events.relay')
    .selectFrom('events')
    .select(['seq', 'practice_id', 'user_id', 'payload'])
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
  const cutoff = seqAt(now - maxAgeMs);
  const result = await unscoped(db, 'events.prune').deleteFrom('events').where('seq', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The smallest seq (UUIDv7) that could have been made at `time` (ms since the epoch). */
export function seqAt(time: number): string {
  const hex = Math.max(0, Math.floor(time)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
