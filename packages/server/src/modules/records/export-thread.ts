import { Readable } from 'node:stream';
import type { ExportFormat } from '@confide/api';
import { auditAsAt } from '../../audit/audit';
import { threadAuditTargets } from '../../audit/thread-clients';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { exportDecision } from '../../policies/records';
import { findOwnThread, findThread } from '../threads/threads.repo';
import { threadExportSource } from './export-source';
import { renderFhirBundle } from './fhir-bundle';
import { exportPractice } from './practice-info';
import { renderTranscriptPdf } from './transcript-pdf';

/** An export ready to stream, with the headers that describe it (no PHI in the file name). */
export interface ThreadExportFile {
  contentType: string;
  fileName: string;
  body: Readable;
}

/**
 * R49: exports a thread as a PDF transcript or a FHIR R4 Bundle, for staff participants and
 * admins. The export is audited first, in its own transaction, and states that audit row's chain
 * position; the file is then written as the messages are read, never whole in memory.
 */
export async function exportThread(
  ctx: AppContext,
  actor: Actor,
  threadId: string,
  format: ExportFormat,
): Promise<ThreadExportFile> {
  const thread = await findThread(ctx.db, actor.practiceId, threadId);
  const own = thread ? await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId) : undefined;
  const decision = thread ? exportDecision(actor, Boolean(own)) : 'not_found';
  if (!thread || decision === 'not_found') throw notFound('This conversation');
  if (decision === 'forbidden') {
    throw new AppError('forbidden', 'Clients download a copy of their messages from Account.');
  }
  const practice = await exportPractice(ctx.db, actor.practiceId);
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const position = await ctx.db.transaction().execute(async (tx) =>
    auditAsAt(tx, actor, 'thread.exported', {
      ...(await threadAuditTargets(tx, actor.practiceId, threadId)),
      format,
    }),
  );
  const source = await threadExportSource(ctx, cipher, actor, practice, thread, position);
  if (format === 'pdf') {
    return {
      contentType: 'application/pdf',
      fileName: `conversation-${threadId}.pdf`,
      body: renderTranscriptPdf(source),
    };
  }
  return {
    contentType: 'application/fhir+json; charset=utf-8',
    fileName: `conversation-${threadId}.fhir.json`,
    body: Readable.from(renderFhirBundle(source, ctx.config.publicUrl), { objectMode: false }),
  };
}
