import type { Message, ReplyRequest } from '@confide/api';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { isInactiveClientBlocked, replyBlockedReason } from '../../policies/threads';
import { checkedBody } from './message-body';
import { postMessage } from './post-message';
import type { Sender } from './sender';
import { consumeDraft } from '../drafts/consume-draft';
import { presentAttachment, presentMessage } from './thread.presenter';
import { checkMessageSafety } from '../safety/check-message';
import { requireAgreement } from '../agreement/require-agreement';
import { transact } from '../../db/transact';
import { nowIso } from '../../ids';
import { findThread, loadAttachments, loadParticipants, personOf, shapeOf } from './threads.repo';

/** A reply as sent; `crisis` asks the client to show the crisis card (R42). */
export interface SentMessage {
  message: Message;
  crisis: boolean;
}

/**
 * Replies in a thread (R9, R10): to every participant, each of whom gets it in their Inbox
 * (archived participants included), in one transaction with counters, audit, events and emails.
 */
export async function replyToThread(
  ctx: AppContext,
  actor: Sender,
  threadId: string,
  input: ReplyRequest,
  options: { fromDraftId?: string } = {},
): Promise<SentMessage> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  // The checks read inside the send's transaction: one turn of the connection, not three.
  const posted = await transact(ctx, async (tx) => {
    const thread = await findThread(tx, actor.practiceId, threadId);
    const members = thread ? ((await loadParticipants(tx, actor.practiceId, [threadId])).get(threadId) ?? []) : [];
    const self = members.find((m) => m.id === actor.userId);
    if (!thread || !self) throw notFound('This conversation');
    const shape = shapeOf(thread, members);
    const blocked = replyBlockedReason(actor, shape);
    if (blocked)
      throw new AppError(isInactiveClientBlocked(actor, shape) ? 'client_inactive' : 'reply_not_allowed', blocked);
    const body = checkedBody(input.body, actor.settings.minBodyLength);
    await requireAgreement(tx, actor);
    const result = await postMessage(tx, cipher, {
      practiceId: actor.practiceId,
      senderId: actor.userId,
      ip: actor.ip,
      threadId,
      participants: members,
      body,
      attachmentIds: input.attachmentIds,
      fromDraftId: options.fromDraftId,
      now: nowIso(ctx.clock.now()),
    });
    const safety = await checkMessageSafety(tx, ctx, {
      ...result,
      practiceId: actor.practiceId,
      threadId,
      body,
      sender: self,
      participants: members,
    });
    if (options.fromDraftId) await consumeDraft(tx, actor, options.fromDraftId);
    return { ...result, ...safety, shape, self, body };
  });
  const { shape, self, body } = posted;
  // Without attachment ids the message has none: no need to ask.
  const attachments = input.attachmentIds?.length
    ? await loadAttachments(ctx.db, actor.practiceId, 'message_id', [posted.messageId])
    : [];
  const message = presentMessage(
    actor,
    shape,
    { id: posted.messageId, threadId, senderId: actor.userId, body, createdAt: posted.createdAt },
    personOf(cipher, self),
    attachments.map((a) => presentAttachment(cipher, a)),
  );
  return { message: { ...message, expectedReplyBy: posted.expectedReplyBy }, crisis: posted.crisis };
}
