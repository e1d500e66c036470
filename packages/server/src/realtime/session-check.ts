import { parseSettings } from '@confide/api';
import type { DbOrTx } from '../db';

/**
 * Which of these sessions are still alive (same rules as sign-in's session check: absolute
 * lifetime, idle timeout, account not disabled) in the practice each was opened in, in one
 * query per 500 ids. Read-only: an open socket is not activity, so it never extends the idle
 * timeout (R29).
 */
export async function liveSessionIds(
  db: DbOrTx,
  sessions: { practiceId: string; sessionId: string }[],
  now = Date.now(),
): Promise<Set<string>> {
  const practiceOf = new Map(sessions.map((s) => [s.sessionId, s.practiceId]));
  const ids = [...practiceOf.keys()];
  const alive = new Set<string>();
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
      const idleMs = parseSettings(row.settings).idleTimeoutMinutes * 60_000;
      const expired = now > Date.parse(row.expires_at) || now - Date.parse(row.last_seen_at) > idleMs;
      if (!expired && row.status !== 'disabled') alive.add(row.id);
    }
  }
  return alive;
}
