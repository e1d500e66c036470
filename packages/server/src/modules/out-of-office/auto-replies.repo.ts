import type { AutoReply, Person } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { loadPeople } from '../accounts/users.repo';
import { binding } from '../../crypto/bindings';

/** R40: a thread's automatic replies, oldest first, with the names they speak of (everyone in the thread sees them). */
export async function loadAutoReplies(
  db: DbOrTx,
  cipher: PracticeCipher,
  practiceId: string,
  threadId: string,
): Promise<AutoReply[]> {
  const rows = await db
    .selectFrom('auto_replies')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const people = await loadPeople(
    db,
    cipher,
    rows.flatMap((r) => [r.away_id, r.covering_id]),
  );
  const nameOf = (id: string) => people.get(id)?.name ?? 'A colleague';
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    awayName: nameOf(r.away_id),
    until: r.back_at,
    coveringName: nameOf(r.covering_id),
    note: cipher.decrypt(binding('auto_replies.note', r.id), r.note_enc),
  }));
}

/** R40: for each of these threads, the away colleagues the viewer covers in it ("Covering for …"). */
export async function loadCoveringFor(
  db: DbOrTx,
  cipher: PracticeCipher,
  practiceId: string,
  viewerId: string,
  threadIds: string[],
): Promise<Map<string, Person[]>> {
  const byThread = new Map<string, Person[]>();
  if (threadIds.length === 0) return byThread;
  const rows = await db
    .selectFrom('auto_replies')
    .select(['thread_id', 'away_id'])
    .where('practice_id', '=', practiceId)
    .where('covering_id', '=', viewerId)
    .where('thread_id', 'in', threadIds)
    .orderBy('created_at')
    .execute();
  const people = await loadPeople(
    db,
    cipher,
    rows.map((r) => r.away_id),
  );
  for (const row of rows) {
    const person = people.get(row.away_id);
    const known = byThread.get(row.thread_id) ?? [];
    if (person && !known.some((p) => p.id === person.id)) byThread.set(row.thread_id, [...known, person]);
  }
  return byThread;
}
