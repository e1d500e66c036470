import type { AccountSession } from '@confide/api';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';

/**
 * The person's signed-in sessions, newest first (R52): the device, the address and when. Sessions
 * past their idle timeout or lifetime are left out; they end at their next use anyway.
 */
export async function listAccountSessions(ctx: AppContext, actor: Actor): Promise<AccountSession[]> {
  const now = ctx.clock.now().getTime();
  const idleMs = actor.settings.idleTimeoutMinutes * 60_000;
  const rows = await ctx.db
    .selectFrom('sessions')
    .select(['id', 'device', 'ip', 'created_at', 'last_seen_at', 'expires_at'])
    .where('practice_id', '=', actor.practiceId)
    .where('user_id', '=', actor.userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows
    .filter((row) => Date.parse(row.expires_at) > now && now - Date.parse(row.last_seen_at) <= idleMs)
    .map((row) => ({
      device: row.device,
      ip: row.ip,
      signedInAt: row.created_at,
      lastActiveAt: row.id === actor.sessionId ? actor.lastSeenAt : row.last_seen_at,
      current: row.id === actor.sessionId,
    }));
}
