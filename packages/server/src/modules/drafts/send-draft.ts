import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { replyToThread, type SentMessage } from '../threads/reply';
import { sendMessage, type SentThread } from '../threads/send-message';
import type { Sender } from '../threads/sender';
import { draftRecipients } from './draft.presenter';
import { findOwnDraft } from './drafts.repo';
import { binding } from '../../crypto/bindings';

/**
 * R7: sends a draft exactly as a new message or a reply would be sent — every rule checked
 * now — and removes the draft in the same transaction.
 */
export async function sendDraft(ctx: AppContext, actor: Sender, draftId: string): Promise<SentThread | SentMessage> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const draft = await findOwnDraft(ctx.db, actor.practiceId, actor.userId, draftId);
  if (!draft) throw notFound('This draft');
  const body = cipher.decrypt(binding('drafts.body', draft.id), draft.body_enc);
  const attachments = await ctx.db
    .selectFrom('attachments')
    .select('id')
    .where('practice_id', '=', actor.practiceId)
    .where('draft_id', '=', draft.id)
    .execute();
  const attachmentIds = attachments.map((a) => a.id);
  const options = { fromDraftId: draft.id };
  if (draft.thread_id) {
    return replyToThread(ctx, actor, draft.thread_id, { body, attachmentIds }, options);
  }
  const subject = cipher.decrypt(binding('drafts.subject', draft.id), draft.subject_enc);
  const to = draftRecipients(draft);
  return sendMessage(ctx, actor, { to, subject, body, attachmentIds }, options);
}
