import { auditAs, clientTargets } from '../../audit/audit';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/errors';
import { canDeleteThread } from '../../policies/threads';
import { recordEvents } from '../../realtime/event-log';
import { applyUnreadDeltas } from './counters';
import { deleteBlobs } from './delete-blobs';
import { purgeThreadRows } from './purge';
import type { Sender } from './sender';
import { clientIdsOf, findOwnThread, loadParticipants, lockParticipantRows, shapeOf } from './threads.repo';

/**
 * R18, R19: the staff member who started a thread with a client deletes it for everyone,
 * permanently. 404 to non-participants, 403 to participants who may not.
 */
export async function deleteThread(ctx: AppContext, actor: Sender, threadId: string): Promise<void> {
  const found = await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId);
  if (!found) throw notFound('This conversation');
  const members = (await loadParticipants(ctx.db, actor.practiceId, [threadId])).get(threadId) ?? [];
  if (!canDeleteThread(actor, shapeOf(found.thread, members))) {
    throw new AppError('forbidden', 'Only the staff member who started a conversation with a client can delete it.');
  }
  const { events, blobKeys } = await ctx.db.transaction().execute(async (tx) => {
    const before = await lockParticipantRows(tx, ctx.dialect, actor.practiceId, threadId);
    const purged = await purgeThreadRows(tx, actor.practiceId, threadId, before);
    await auditAs(tx, actor, 'thread.deleted', { threadId, ...clientTargets(clientIdsOf(members)) });
    const stored = await recordEvents(tx, actor.practiceId, [
      ...before.map((row) => ({ userId: row.user_id, event: { type: 'thread.deleted' as const, threadId } })),
      ...(await applyUnreadDeltas(tx, actor.practiceId, purged.deltas)),
    ]);
    return { events: stored, blobKeys: purged.blobKeys };
  });
  ctx.bus.publish(events);
  await deleteBlobs(ctx, blobKeys);
}
