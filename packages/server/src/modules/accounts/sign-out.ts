import { recordAudit } from '../../audit/audit';
import type { Actor } from '../../actor';
import type { AppContext } from '../../context';
import { destroySession, destroyUserSessions } from './sessions';

/**
 * Ends the actor's session, or with `everywhere` every session of theirs (R52); audited. The
 * ended sessions' live sockets close on every node.
 */
export async function signOut(
  ctx: AppContext,
  actor: Actor,
  options: { everywhere: boolean; ip: string },
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    if (options.everywhere) await destroyUserSessions(tx, actor.practiceId, actor.userId);
    else await destroySession(tx, actor.practiceId, actor.sessionId);
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorId: actor.userId,
      action: options.everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      ip: options.ip,
    });
  });
  ctx.bus.sessionsChanged();
}
