import { parseSettings, type ChartNote } from '@confide/api';
import { auditAs } from '../../audit/audit';
import { threadAuditTargets } from '../../audit/thread-clients';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { newId, nowIso } from '../../ids';
import { canQuickNote, soleClientId } from '../../policies/threads';
import { bodyToText } from '../threads/message-body';
import type { Sender } from '../threads/sender';
import { findOwnThread, loadParticipants, loadThreadMessages, personOf, shapeOf } from '../threads/threads.repo';
import { binding } from '../../crypto/bindings';
import { getPractice } from '../practices/practices.repo';
import { practiceTime } from '../records/pdf-text';

/** The thread a quick note is about, after the R15 checks: 404 unless a participant, 403 unless allowed. */
async function quickNoteThread(ctx: AppContext, actor: Sender, threadId: string) {
  const found = await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId);
  if (!found) throw notFound('This conversation');
  const members = (await loadParticipants(ctx.db, actor.practiceId, [threadId])).get(threadId) ?? [];
  const shape = shapeOf(found.thread, members);
  if (!canQuickNote(actor, shape)) {
    throw new AppError(
      'quick_note_not_allowed',
      'Quick notes are for providers, on conversations with exactly one client.',
    );
  }
  return { thread: found.thread, members, clientId: soleClientId(shape) as string };
}

/** R15: the thread's transcript — sender, time, text without markup, attachment names — to prefill a note. */
export async function quickNoteTranscript(ctx: AppContext, actor: Sender, threadId: string): Promise<string> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const { thread, members } = await quickNoteThread(ctx, actor, threadId);
  const names = new Map(members.map((m) => [m.id, personOf(cipher, m).name]));
  const messages = await loadThreadMessages(ctx.db, actor.practiceId, threadId);
  const { timeZone } = parseSettings((await getPractice(ctx.db, actor.practiceId))?.settings ?? '{}');
  // R32/R38: the transcript is the whole conversation, read like an opening of it.
  await ctx.db
    .transaction()
    .execute(async (tx) =>
      auditAs(tx, actor, 'thread.transcript_read', await threadAuditTargets(tx, actor.practiceId, threadId)),
    );
  const subject = cipher.decrypt(binding('threads.subject', thread.id), thread.subject_enc);
  const parts = [`Secure message: ${subject}`];
  for (const message of messages) {
    const files = message.attachments.map((a) => cipher.decrypt(binding('attachments.name', a.id), a.name_enc));
    const lines = [
      `${names.get(message.sender_id) ?? 'Former member'} — ${practiceTime(message.created_at, timeZone)}`,
      bodyToText(cipher.decrypt(binding('messages.body', message.id), message.body_enc)),
    ];
    if (files.length > 0) lines.push(`Attachments: ${files.join(', ')}`);
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}

/** R15, R16: saves the edited note into the thread's client's chart, encrypted and audited. */
export async function saveQuickNote(
  ctx: AppContext,
  actor: Sender,
  threadId: string,
  content: string,
): Promise<ChartNote> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const { clientId, members } = await quickNoteThread(ctx, actor, threadId);
  const id = newId();
  const createdAt = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('chart_notes')
      .values({
        id,
        practice_id: actor.practiceId,
        client_id: clientId,
        author_id: actor.userId,
        thread_id: threadId,
        content_enc: cipher.encrypt(binding('chart_notes.content', id), content),
        created_at: createdAt,
      })
      .execute();
    await auditAs(tx, actor, 'note.created', { noteId: id, clientId, threadId });
  });
  const author = members.find((m) => m.id === actor.userId);
  return presentNote(
    { id, clientId, authorId: actor.userId, content, createdAt, threadId },
    author ? personOf(cipher, author) : null,
  );
}

/** A chart note as the API shows it. */
export function presentNote(
  note: { id: string; clientId: string; authorId: string; content: string; createdAt: string; threadId: string | null },
  author: ChartNote['author'] | null,
): ChartNote {
  return {
    id: note.id,
    clientId: note.clientId,
    content: note.content,
    author: author ?? { id: note.authorId, name: 'Former member', kind: 'staff', role: 'provider' },
    createdAt: note.createdAt,
    threadId: note.threadId,
  };
}
