import { auditAs, clientTargets } from '../../audit/audit';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { canDeleteThread } from '../../policies/threads';
import { transact } from '../../db/transact';
import { deleteBlobs } from './delete-blobs';
import { destroyThreadRows } from './destroy-thread';
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
  const blobKeys = await transact(ctx, async (tx) => {
    const before = await lockParticipantRows(tx, ctx.dialect, actor.practiceId, threadId);
    await auditAs(tx, actor, 'thread.deleted', { threadId, ...clientTargets(clientIdsOf(members)) });
    return destroyThreadRows(tx, actor.practiceId, threadId, before);
  });
  await deleteBlobs(ctx, blobKeys);
}
