import { auditAs, clientTargets } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import { transact } from '../../db/transact';
import { AppError, notFound } from '../../errors';
import { canDeleteMessage } from '../../policies/threads';
import { recordEvents, type NewLiveEvent } from '../../realtime/event-log';
import { addDelta, applyUnreadDeltas, countDelta } from './counters';
import { deleteBlobs } from './delete-blobs';
import { purgeThreadRows } from './purge';
import { unindexMessage } from '../search/search-index';
import type { Sender } from './sender';
import {
  clientIdsOf,
  findOwnThread,
  loadParticipants,
  lockParticipantRows,
  shapeOf,
  type ParticipantRow,
} from './threads.repo';

/**
 * R17, R19: a staff member deletes a message they sent into a thread with a client, for
 * everyone, permanently. When it was the thread's last message the thread goes too, so no
 * subject is left behind in anyone's folders.
 */
export async function deleteMessage(ctx: AppContext, actor: Sender, messageId: string): Promise<void> {
  const message = await ctx.db
    .selectFrom('messages')
    .select(['id', 'thread_id', 'sender_id'])
    .where('id', '=', messageId)
    .where('practice_id', '=', actor.practiceId)
    .executeTakeFirst();
  const found = message && (await findOwnThread(ctx.db, actor.practiceId, actor.userId, message.thread_id));
  if (!message || !found) throw notFound('This message');
  const threadId = message.thread_id;
  const members = (await loadParticipants(ctx.db, actor.practiceId, [threadId])).get(threadId) ?? [];
  if (!canDeleteMessage(actor, { senderId: message.sender_id }, shapeOf(found.thread, members))) {
    throw new AppError('forbidden', 'Staff can delete only messages they sent to a client.');
  }
  const blobKeys = await transact(ctx, async (tx) => {
    const before = await lockParticipantRows(tx, ctx.dialect, actor.practiceId, threadId);
    const remaining = await tx
      .selectFrom('messages')
      .select(['id', 'sender_id', 'created_at', 'has_attachments'])
      .where('practice_id', '=', actor.practiceId)
      .where('thread_id', '=', threadId)
      .where('id', '!=', messageId)
      .execute();
    const entries: { userId: string; event: NewLiveEvent }[] = [];
    let purged: { blobKeys: string[]; deltas: Map<string, number> };
    if (remaining.length === 0) {
      purged = await purgeThreadRows(tx, actor.practiceId, threadId, before);
      entries.push(
        ...before.map((row) => ({ userId: row.user_id, event: { type: 'thread.deleted' as const, threadId } })),
      );
    } else {
      purged = await removeOneMessage(tx, { practiceId: actor.practiceId, threadId, messageId }, before, remaining);
      entries.push(
        ...before.map((row) => ({
          userId: row.user_id,
          event: { type: 'message.deleted' as const, threadId, messageId },
        })),
      );
    }
    await auditAs(tx, actor, 'message.deleted', { threadId, messageId, ...clientTargets(clientIdsOf(members)) });
    entries.push(...(await applyUnreadDeltas(tx, actor.practiceId, purged.deltas)));
    await recordEvents(tx, actor.practiceId, entries);
    return purged.blobKeys;
  });
  await deleteBlobs(ctx, blobKeys);
}

/** Deletes one message and brings the thread's marks and every participant's folders in line. */
async function removeOneMessage(
  tx: Tx,
  { practiceId, threadId, messageId }: { practiceId: string; threadId: string; messageId: string },
  before: ParticipantRow[],
  remaining: { sender_id: string; created_at: string; has_attachments: number }[],
): Promise<{ blobKeys: string[]; deltas: Map<string, number> }> {
  const attachments = await tx
    .selectFrom('attachments')
    .select('blob_key')
    .where('practice_id', '=', practiceId)
    .where('message_id', '=', messageId)
    .execute();
  await tx
    .deleteFrom('attachments')
    .where('practice_id', '=', practiceId)
    .where('message_id', '=', messageId)
    .execute();
  await tx.deleteFrom('messages').where('practice_id', '=', practiceId).where('id', '=', messageId).execute();
  await unindexMessage(tx, practiceId, threadId, messageId);
  const lastMessageAt = remaining
    .map((m) => m.created_at)
    .sort()
    .at(-1) as string;
  await tx
    .updateTable('threads')
    .set({ last_message_at: lastMessageAt, has_attachments: remaining.some((m) => m.has_attachments) ? 1 : 0 })
    .where('practice_id', '=', practiceId)
    .where('id', '=', threadId)
    .execute();
  // Folders follow what is left: Sent if I still have a message here, Inbox if someone else does.
  const senders = new Set(remaining.map((m) => m.sender_id));
  const deltas = new Map<string, number>();
  for (const row of before) {
    const hasIncoming = [...senders].some((s) => s !== row.user_id) ? 1 : 0;
    const after = { ...row, has_sent: senders.has(row.user_id) ? 1 : 0, has_incoming: hasIncoming };
    if (!hasIncoming) after.unread = 0;
    if (after.has_sent === row.has_sent && after.has_incoming === row.has_incoming && after.unread === row.unread)
      continue;
    await tx
      .updateTable('thread_participants')
      .set({ has_sent: after.has_sent, has_incoming: after.has_incoming, unread: after.unread })
      .where('practice_id', '=', practiceId)
      .where('thread_id', '=', threadId)
      .where('user_id', '=', row.user_id)
      .execute();
    addDelta(deltas, row.user_id, countDelta(row, after));
  }
  return { blobKeys: attachments.map((a) => a.blob_key), deltas };
}
