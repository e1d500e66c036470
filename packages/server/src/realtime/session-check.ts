import { parseSettings } from '@confide/api';
import type { DbOrTx } from '../db';

/**
 * When a session ends by itself unless the person acts again: its idle timeout, counted from
 * its last activity as read, or its 12-hour lifetime, whichever comes first (ms since the epoch).
 */
export function sessionDeadline(session: {
  lastSeenAt: string;
  expiresAt: string;
  idleTimeoutMinutes: number;
}): number {
  return Math.min(Date.parse(session.expiresAt), Date.parse(session.lastSeenAt) + session.idleTimeoutMinutes * 60_000);
}

/**
 * Which of these sessions are still alive (same rules as sign-in's session check: absolute
 * lifetime, idle timeout, account not disabled) in the practice each was opened in, each with
 * its deadline (`sessionDeadline`), in one query per 500 ids. Read-only: an open socket is not
 * activity, so it never extends the idle timeout (R29).
 */
export async function liveSessions(
  db: DbOrTx,
  sessions: { practiceId: string; sessionId: string }[],
  now: number,
): Promise<Map<string, number>> {
  const practiceOf = new Map(sessions.map((s) => [s.sessionId, s.practiceId]));
  const ids = [...practiceOf.keys()];
  const alive = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('sessions as s')
      .innerJoin('users as u', (join) =>
        join.onRef('u.id', '=', 's.user_id').onRef('u.practice_id', '=', 's.practice_id'),
      )
      .innerJoin('practices as p', 'p.id', 's.practice_id')
      .select(['s.id', 's.practice_id', 's.last_seen_at', 's.expires_at', 'u.status', 'p.settings'])
      .where('s.practice_id', 'in', [...new Set(batch.map((id) => practiceOf.get(id) ?? ''))])
      .where('s.id', 'in', batch)
      .execute();
    for (const row of rows) {
      if (practiceOf.get(row.id) !== row.practice_id) continue;
      const deadline = sessionDeadline({
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        idleTimeoutMinutes: parseSettings(row.settings).idleTimeoutMinutes,
      });
      if (now <= deadline && row.status !== 'disabled') alive.set(row.id, deadline);
    }
  }
  return alive;
}
