import type { Tx } from '../../db';
import { unindexThread } from '../search/search-index';
import { addDelta, isCounted } from './counters';
import type { ParticipantRow } from './threads.repo';

/**
 * Permanently removes a thread's rows — attachments, drafts replying to it, messages,
 * participants, the thread, its search index rows (R44) — inside the caller's transaction (R19). Returns the blob keys to
 * destroy after commit and the badge corrections for every participant.
 */
export async function purgeThreadRows(
  tx: Tx,
  practiceId: string,
  threadId: string,
  participants: ParticipantRow[],
): Promise<{ blobKeys: string[]; deltas: Map<string, number> }> {
  const messageIds = tx
    .selectFrom('messages')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId);
  const draftIds = tx
    .selectFrom('drafts')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId);
  const attachments = await tx
    .selectFrom('attachments')
    .select(['id', 'blob_key'])
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb('message_id', 'in', messageIds), eb('draft_id', 'in', draftIds)]))
    .execute();
  if (attachments.length > 0) {
    await tx
      .deleteFrom('attachments')
      .where('practice_id', '=', practiceId)
      .where(
        'id',
        'in',
        attachments.map((a) => a.id),
      )
      .execute();
  }
  await tx.deleteFrom('drafts').where('practice_id', '=', practiceId).where('thread_id', '=', threadId).execute();
  await tx.deleteFrom('messages').where('practice_id', '=', practiceId).where('thread_id', '=', threadId).execute();
  await tx
    .deleteFrom('thread_participants')
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .execute();
  await tx.deleteFrom('threads').where('practice_id', '=', practiceId).where('id', '=', threadId).execute();
  await unindexThread(tx, practiceId, threadId);
  const deltas = new Map<string, number>();
  for (const row of participants) addDelta(deltas, row.user_id, isCounted(row) ? -1 : 0);
  return { blobKeys: attachments.map((a) => a.blob_key), deltas };
}
