import {
  SAVED_REPLY_PLACEHOLDERS,
  unknownPlaceholders,
  type SavedReply,
  type SavedReplyRequest,
  type SavedReplyUpdate,
} from '@confide/api';
import { auditAs } from '../../audit/audit';
import { binding } from '../../crypto/bindings';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../actor';
import { newId, nowIso } from '../../ids';
import { canEditSavedReply, canSeeSavedReply, canUseSavedReplies } from '../../policies/saved-replies';
import { bodyToText, MAX_BODY_CHARS, sanitizeBody, visibleLength } from '../threads/message-body';
import { findSavedReply, listUsableReplies } from './saved-replies.repo';
import { presentSavedReply, sortSavedReplies } from './saved-reply.presenter';

/** R45: clients never see saved replies — not even that they exist. */
function requireStaff(actor: Actor): void {
  if (!canUseSavedReplies(actor)) throw new AppError('forbidden', 'Saved replies are for staff.');
}

/** Sanitized like a message body (R5); at least one visible character, known placeholders only. */
function checkedReplyBody(html: string): string {
  const clean = sanitizeBody(html);
  const length = visibleLength(clean);
  if (length < 1) throw new AppError('validation_failed', 'Write the text of the saved reply.');
  if (length > MAX_BODY_CHARS) {
    throw new AppError(
      'body_too_long',
      `A saved reply can have at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`,
    );
  }
  const unknown = unknownPlaceholders(bodyToText(clean));
  if (unknown.length > 0) {
    throw new AppError(
      'validation_failed',
      `Unknown placeholder ${unknown.join(', ')}. Use ${SAVED_REPLY_PLACEHOLDERS.join(', ')}.`,
      { placeholders: unknown },
    );
  }
  return clean;
}

/** The caller's own saved replies and the practice's. */
export async function listSavedReplies(ctx: AppContext, actor: Actor): Promise<SavedReply[]> {
  requireStaff(actor);
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const rows = await listUsableReplies(ctx.db, actor.practiceId, actor.userId);
  return sortSavedReplies(rows.map((row) => presentSavedReply(actor, cipher, row)));
}

/** Creates a personal saved reply, or (admins only) one of the practice's; audited. */
export async function createSavedReply(ctx: AppContext, actor: Actor, input: SavedReplyRequest): Promise<SavedReply> {
  requireStaff(actor);
  if (input.scope === 'practice' && !actor.isAdmin) {
    throw new AppError('forbidden', "Only practice administrators can add the practice's saved replies.");
  }
  const body = checkedReplyBody(input.body);
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const id = newId();
  const now = nowIso(ctx.clock.now());
  const row = {
    id,
    practice_id: actor.practiceId,
    owner_id: input.scope === 'practice' ? null : actor.userId,
    title_enc: cipher.encrypt(binding('saved_replies.title', id), input.title),
    body_enc: cipher.encrypt(binding('saved_replies.body', id), body),
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('saved_replies').values(row).execute();
    await auditAs(tx, actor, 'saved_reply.created', { savedReplyId: id, scope: input.scope });
  });
  return presentSavedReply(actor, cipher, row);
}

/** The reply, if the caller may change it: 404 when they may not see it, 403 when they only may see it. */
async function editableReply(ctx: AppContext, actor: Actor, id: string) {
  requireStaff(actor);
  const row = await findSavedReply(ctx.db, actor.practiceId, id);
  if (!row || !canSeeSavedReply(actor, { ownerId: row.owner_id })) throw notFound('This saved reply');
  if (!canEditSavedReply(actor, { ownerId: row.owner_id })) {
    throw new AppError('forbidden', "Only practice administrators can change the practice's saved replies.");
  }
  return row;
}

/** Changes a saved reply's title and text; audited. */
export async function updateSavedReply(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: SavedReplyUpdate,
): Promise<SavedReply> {
  const existing = await editableReply(ctx, actor, id);
  const body = checkedReplyBody(input.body);
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const values = {
    title_enc: cipher.encrypt(binding('saved_replies.title', id), input.title),
    body_enc: cipher.encrypt(binding('saved_replies.body', id), body),
    updated_at: nowIso(ctx.clock.now()),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('saved_replies')
      .set(values)
      .where('practice_id', '=', actor.practiceId)
      .where('id', '=', id)
      .execute();
    await auditAs(tx, actor, 'saved_reply.updated', { savedReplyId: id, scope: scopeOf(existing.owner_id) });
  });
  return presentSavedReply(actor, cipher, { ...existing, ...values });
}

/** Deletes a saved reply for good; audited. */
export async function deleteSavedReply(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const existing = await editableReply(ctx, actor, id);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('saved_replies').where('practice_id', '=', actor.practiceId).where('id', '=', id).execute();
    await auditAs(tx, actor, 'saved_reply.deleted', { savedReplyId: id, scope: scopeOf(existing.owner_id) });
  });
}

function scopeOf(ownerId: string | null): 'personal' | 'practice' {
  return ownerId === null ? 'practice' : 'personal';
}
