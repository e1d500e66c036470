import type { CreateThreadRequest, ThreadDetail } from '@confide/api';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import { newId, nowIso } from '../../ids';
import { checkedBody, checkedSubject } from './message-body';
import { postMessage } from './post-message';
import { indexSubject } from '../search/search-index';
import { loadDirectory, resolveRecipients } from './recipients';
import type { Sender } from './sender';
import { consumeDraft } from '../drafts/consume-draft';
import { loadThreadDetail } from './thread-detail';
import { checkMessageSafety } from '../safety/check-message';
import { requireAgreement } from '../agreement/require-agreement';
import { binding } from '../../crypto/bindings';

/** A new thread as sent; `crisis` asks the client to show the crisis card (R42). */
export interface SentThread {
  thread: ThreadDetail;
  crisis: boolean;
}

/**
 * Starts a thread (R1–R5, R8): checks subject, body and recipients, then writes the thread,
 * its participants, the first message and everything that goes with it in one transaction.
 */
export async function sendMessage(
  ctx: AppContext,
  actor: Sender,
  input: CreateThreadRequest,
  options: { fromDraftId?: string } = {},
): Promise<SentThread> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const subject = checkedSubject(input.subject);
  const body = checkedBody(input.body, actor.settings.minBodyLength);
  const { members, directory } = await loadDirectory(ctx.db, actor.practiceId, actor);
  const { people: recipients, team } = resolveRecipients(actor, input.to, members, directory);
  await requireAgreement(ctx.db, actor);
  const self = members.find((m) => m.id === actor.userId);
  if (!self) throw new Error('sender is not a member of the practice');
  const participants = [self, ...recipients];

  const threadId = newId();
  const now = nowIso(ctx.clock.now());
  const crisis = await transact(ctx, async (tx) => {
    await tx
      .insertInto('threads')
      .values({
        id: threadId,
        practice_id: actor.practiceId,
        subject_enc: cipher.encrypt(binding('threads.subject', threadId), subject),
        created_by: actor.userId,
        created_at: now,
        last_message_at: now,
        client_count: participants.filter((p) => p.kind === 'client').length,
        staff_count: participants.filter((p) => p.kind === 'staff').length,
        has_attachments: 0,
        team,
      })
      .execute();
    const rows = participants.map((p) => ({
      thread_id: threadId,
      user_id: p.id,
      practice_id: actor.practiceId,
      has_incoming: 0,
      has_sent: 0,
      archived: 0,
      unread: 0,
      last_activity_at: now,
      joined_for: null,
    }));
    await tx.insertInto('thread_participants').values(rows).execute();
    await indexSubject(tx, cipher, { practiceId: actor.practiceId, threadId, at: now, subject });
    const posted = await postMessage(tx, cipher, {
      practiceId: actor.practiceId,
      senderId: actor.userId,
      ip: actor.ip,
      threadId,
      participants,
      body,
      attachmentIds: input.attachmentIds,
      fromDraftId: options.fromDraftId,
      now,
    });
    const safety = await checkMessageSafety(tx, ctx, {
      ...posted,
      practiceId: actor.practiceId,
      threadId,
      body,
      sender: self,
      participants,
    });
    // After its attachments moved to the message: deleting a draft cascades to what it still holds.
    if (options.fromDraftId) await consumeDraft(tx, actor, options.fromDraftId);
    return safety.crisis;
  });
  return { thread: await loadThreadDetail(ctx.db, cipher, actor, threadId), crisis };
}
