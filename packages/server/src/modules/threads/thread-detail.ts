import type { Message, ThreadDetail } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { notFound } from '../../errors';
import type { PolicyActor } from '../../policies/types';
import { loadAutoReplies, loadCoveringFor } from '../out-of-office/auto-replies.repo';
import { loadOpenAlerts } from '../safety/alerts.repo';
import { peopleFor, presentAttachment, presentDetail, presentMessage } from './thread.presenter';
import { findOwnThread, loadParticipants, loadThreadMessages, shapeOf, visibleTo } from './threads.repo';
import { binding } from '../../crypto/bindings';

/** Loads and presents a thread the actor takes part in (404 otherwise), without marking it read. */
export async function loadThreadDetail(
  db: DbOrTx,
  cipher: PracticeCipher,
  actor: PolicyActor & { practiceId: string },
  threadId: string,
): Promise<ThreadDetail> {
  const found = await findOwnThread(db, actor.practiceId, actor.userId, threadId);
  if (!found) throw notFound('This conversation');
  const { thread, own } = found;
  const members = (await loadParticipants(db, actor.practiceId, [threadId])).get(threadId) ?? [];
  const shape = shapeOf(thread, members);
  const people = peopleFor(actor, cipher, members);
  const memberIds = new Set(members.map((m) => m.id));
  // R36: a message from a participant the viewer may not see is not shown at all. R9 keeps
  // clients from writing into a thread with another client, so today none is ever left out.
  const rows = (await loadThreadMessages(db, actor.practiceId, threadId)).filter(
    (row) => people.has(row.sender_id) || !memberIds.has(row.sender_id),
  );
  const messages: Message[] = rows.map((row) => ({
    ...presentMessage(
      actor,
      shape,
      {
        id: row.id,
        threadId,
        senderId: row.sender_id,
        body: cipher.decrypt(binding('messages.body', row.id), row.body_enc),
        createdAt: row.created_at,
      },
      people.get(row.sender_id) ?? { id: row.sender_id, name: 'Former member', kind: 'staff', role: 'front_office' },
      row.attachments.map((a) => presentAttachment(cipher, a)),
    ),
    expectedReplyBy: row.expected_reply_by,
  }));
  const subject = cipher.decrypt(binding('threads.subject', thread.id), thread.subject_enc);
  // Staff who joined for an alert are named on what they write, but not listed to the client.
  const presented = presentDetail(actor, cipher, thread, own, subject, visibleTo(actor, members), messages);
  // R40: the practice's automatic replies (names of staff only, so R36 holds for clients too).
  const autoReplies = await loadAutoReplies(db, cipher, actor.practiceId, threadId);
  const detail = autoReplies.length > 0 ? { ...presented, autoReplies } : presented;
  if (actor.kind !== 'staff') return detail;
  const alerts = await loadOpenAlerts(db, actor.practiceId, [threadId]);
  const coveringFor = (await loadCoveringFor(db, cipher, actor.practiceId, actor.userId, [threadId])).get(threadId);
  return { ...detail, alerts: alerts.get(threadId) ?? [], ...(coveringFor ? { coveringFor } : {}) };
}
