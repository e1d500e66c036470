import type { MessageReceipts, Receipt, ReceiptsResponse } from '@confide/api';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { notFound } from '../../errors';
import { peopleFor } from '../threads/thread.presenter';
import { findOwnThread, loadParticipants, visibleTo } from '../threads/threads.repo';
import { reaches } from './read-marks';

/** R47: staff always see receipts; clients where the practice turns `clientReadReceipts` on. */
export function seesReceipts(actor: Pick<Actor, 'kind' | 'settings'>): boolean {
  return actor.kind === 'staff' || actor.settings.clientReadReceipts;
}

/**
 * R47: for each message the caller sent in a thread, each recipient they can see (R36) and
 * whether and when they read it — derived from read marks, in four queries whatever the length
 * of the thread. Asking does not open the thread: no read mark, no audit row.
 */
export async function listReceipts(ctx: AppContext, actor: Actor, threadId: string): Promise<ReceiptsResponse> {
  if (!(await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId))) throw notFound('This conversation');
  if (!seesReceipts(actor)) return { shown: false, messages: [] };
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const members = (await loadParticipants(ctx.db, actor.practiceId, [threadId])).get(threadId) ?? [];
  const people = peopleFor(actor, cipher, members);
  const recipients = visibleTo(actor, members).filter((m) => m.id !== actor.userId && people.has(m.id));
  const sent = await ctx.db
    .selectFrom('messages')
    .select(['id', 'created_at'])
    .where('practice_id', '=', actor.practiceId)
    .where('thread_id', '=', threadId)
    .where('sender_id', '=', actor.userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (sent.length === 0) return { shown: true, messages: [] };
  // Earliest first, unknown times (read before receipts existed) first of all.
  const marks = (
    await ctx.db
      .selectFrom('thread_reads')
      .select(['user_id', 'through_at', 'through_id', 'read_at'])
      .where('practice_id', '=', actor.practiceId)
      .where('thread_id', '=', threadId)
      .execute()
  ).sort((a, b) => (a.read_at ?? '').localeCompare(b.read_at ?? ''));
  const messages: MessageReceipts[] = sent.map((message) => ({
    messageId: message.id,
    receipts: recipients.map((member): Receipt => {
      const first = marks.find((mark) => mark.user_id === member.id && reaches(mark, message));
      return {
        recipient: people.get(member.id) ?? { id: member.id, name: '', kind: member.kind, role: member.role },
        read: Boolean(first),
        readAt: first?.read_at ?? null,
      };
    }),
  }));
  return { shown: true, messages };
}
