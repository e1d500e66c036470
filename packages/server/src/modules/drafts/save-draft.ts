import type { Draft, DraftRequest } from '@confide/api';
import type { AppContext } from '../../context';
import { newId, nowIso } from '../../ids';
import { notFound } from '../../errors';
import { deleteBlobs } from '../threads/delete-blobs';
import { linkAttachments } from '../threads/attachment-links';
import { checkAddressable, loadDirectory } from '../threads/recipients';
import { sanitizeBody } from '../threads/message-body';
import type { Sender } from '../threads/sender';
import { findOwnThread } from '../threads/threads.repo';
import { presentDrafts } from './draft.presenter';
import { draftRecipients } from './draft.presenter';
import { findOwnDraft } from './drafts.repo';
import { binding } from '../../crypto/bindings';

/**
 * R7: creates (no id) or updates one of the caller's drafts. Lenient — nothing is required
 * until it is sent — but the body is sanitized and attachments must be the caller's own.
 * Attachments taken off a draft are destroyed, like those of a deleted draft.
 */
export async function saveDraft(ctx: AppContext, actor: Sender, input: DraftRequest, draftId?: string): Promise<Draft> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const existing = draftId ? await findOwnDraft(ctx.db, actor.practiceId, actor.userId, draftId) : undefined;
  if (draftId && !existing) throw notFound('This draft');
  const threadId = input.threadId ?? existing?.thread_id ?? null;
  if (threadId && !(await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId))) {
    throw notFound('This conversation');
  }
  if (input.to) checkAddressable(actor, input.to, (await loadDirectory(ctx.db, actor.practiceId, actor)).directory);
  const id = existing?.id ?? newId();
  const now = nowIso();
  const subject =
    input.subject ?? (existing ? cipher.decrypt(binding('drafts.subject', id), existing.subject_enc) : '');
  const body =
    input.body !== undefined
      ? sanitizeBody(input.body)
      : existing
        ? cipher.decrypt(binding('drafts.body', id), existing.body_enc)
        : '';
  const values = {
    thread_id: threadId,
    recipients: JSON.stringify(input.to ?? (existing ? draftRecipients(existing) : [])),
    subject_enc: cipher.encrypt(binding('drafts.subject', id), subject),
    body_enc: cipher.encrypt(binding('drafts.body', id), body),
    updated_at: now,
  };

  const blobKeys = await ctx.db.transaction().execute(async (tx) => {
    if (existing) {
      await tx
        .updateTable('drafts')
        .set(values)
        .where('id', '=', id)
        .where('practice_id', '=', actor.practiceId)
        .execute();
    } else {
      await tx
        .insertInto('drafts')
        .values({ id, practice_id: actor.practiceId, user_id: actor.userId, created_at: now, ...values })
        .execute();
    }
    if (input.attachmentIds === undefined) return [];
    const keep = [...new Set(input.attachmentIds)];
    await linkAttachments(tx, {
      practiceId: actor.practiceId,
      uploaderId: actor.userId,
      ids: keep,
      to: { draftId: id },
      fromDraftId: id,
    });
    let dropped = tx
      .selectFrom('attachments')
      .select(['id', 'blob_key'])
      .where('practice_id', '=', actor.practiceId)
      .where('draft_id', '=', id);
    if (keep.length > 0) dropped = dropped.where('id', 'not in', keep);
    const rows = await dropped.execute();
    if (rows.length > 0) {
      await tx
        .deleteFrom('attachments')
        .where('practice_id', '=', actor.practiceId)
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows.map((r) => r.blob_key);
  });
  await deleteBlobs(ctx, blobKeys);
  const saved = await findOwnDraft(ctx.db, actor.practiceId, actor.userId, id);
  if (!saved) throw notFound('This draft');
  const [draft] = await presentDrafts(ctx.db, cipher, [saved]);
  return draft as Draft;
}

/** R7: "Delete draft" — the draft and its attachments, contents included. */
export async function deleteDraft(ctx: AppContext, actor: Sender, draftId: string): Promise<void> {
  if (!(await findOwnDraft(ctx.db, actor.practiceId, actor.userId, draftId))) throw notFound('This draft');
  const blobKeys = await ctx.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('attachments')
      .select('blob_key')
      .where('practice_id', '=', actor.practiceId)
      .where('draft_id', '=', draftId)
      .execute();
    await tx
      .deleteFrom('attachments')
      .where('practice_id', '=', actor.practiceId)
      .where('draft_id', '=', draftId)
      .execute();
    await tx.deleteFrom('drafts').where('practice_id', '=', actor.practiceId).where('id', '=', draftId).execute();
    return rows.map((r) => r.blob_key);
  });
  await deleteBlobs(ctx, blobKeys);
}
