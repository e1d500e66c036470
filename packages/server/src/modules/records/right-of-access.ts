import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { auditAsAt } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError } from '../../errors';
import { canDownloadOwnRecords } from '../../policies/records';
import { sanitizeFileName } from '../attachments/file-name';
import type { ThreadRow } from '../threads/threads.repo';
import { threadExportSource, type ExportAttachment } from './export-source';
import { exportPractice } from './practice-info';
import { renderTranscriptPdf } from './transcript-pdf';
import { binding } from '../../crypto/bindings';

/** A file or folder name made from a subject: one line, no path characters, not too long. */
function entryName(text: string, fallback: string): string {
  const clean = sanitizeFileName(text.replace(/[\\/:*?"<>|]/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return [...clean].slice(0, 60).join('').trim() || fallback;
}

/** The archive's first entry: what it holds, in plain words. */
function readme(practiceName: string, day: string, threads: number, seq: number): string {
  return [
    `Your secure messages with ${practiceName}, downloaded on ${day}.`,
    '',
    threads === 0
      ? 'You have no conversations yet.'
      : `Each of the ${threads} folders is one conversation: transcript.pdf shows every message, and files/ holds the files shared in it.`,
    'Deleted messages are not included.',
    `This download is recorded in the practice's audit log at position ${seq}.`,
    '',
  ].join('\r\n');
}

/** The threads a client takes part in, oldest first. */
function ownThreads(ctx: AppContext, actor: Actor): Promise<ThreadRow[]> {
  return ctx.db
    .selectFrom('threads as t')
    .innerJoin('thread_participants as tp', (join) =>
      join.onRef('tp.thread_id', '=', 't.id').onRef('tp.practice_id', '=', 't.practice_id'),
    )
    .selectAll('t')
    .where('t.practice_id', '=', actor.practiceId)
    .where('tp.user_id', '=', actor.userId)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

/**
 * R50: a client's right of access (HIPAA §164.524) — one ZIP with a PDF transcript of every thread
 * they take part in (as R36 lets them see it) and that thread's files. Audited before it is
 * written; the archive is streamed entry by entry (each PDF is drawn, each file decrypted, only
 * when the archive reaches it), so memory stays flat however much there is.
 */
export async function downloadOwnRecords(ctx: AppContext, actor: Actor): Promise<{ fileName: string; body: Readable }> {
  if (!canDownloadOwnRecords(actor)) {
    throw new AppError('forbidden', 'Staff export conversations one at a time, from the conversation.');
  }
  const threads = await ownThreads(ctx, actor);
  const practice = await exportPractice(ctx.db, actor.practiceId);
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const position = await ctx.db
    .transaction()
    .execute((tx) =>
      auditAsAt(tx, actor, 'records.downloaded', { clientId: actor.userId, threads: String(threads.length) }),
    );
  const zip = new ZipFile();
  const day = ctx.clock.now().toISOString().slice(0, 10);
  zip.addBuffer(Buffer.from(readme(practice.name, day, threads.length, position.seq), 'utf8'), 'README.txt');
  for (const [index, thread] of threads.entries()) {
    const subject = cipher.decrypt(binding('threads.subject', thread.id), thread.subject_enc);
    const folder = `${String(index + 1).padStart(3, '0')} ${thread.created_at.slice(0, 10)} ${entryName(subject, 'conversation')}`;
    // People and file names now (a few rows); bodies and bytes only when the archive reaches them.
    const source = await threadExportSource(ctx, cipher, actor, practice, thread, position);
    zip.addReadStreamLazy(`${folder}/transcript.pdf`, { compress: false }, (done) =>
      done(null, renderTranscriptPdf(source)),
    );
    addFiles(zip, source.openAttachment, await source.files(), folder);
  }
  zip.end();
  return { fileName: `my-messages-${day}.zip`, body: zip.outputStream as Readable };
}

function addFiles(
  zip: ZipFile,
  open: (file: ExportAttachment) => Promise<Readable>,
  files: ExportAttachment[],
  folder: string,
): void {
  const used = new Set<string>();
  for (const file of files) {
    let name = file.name;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) {
      const dot = file.name.lastIndexOf('.');
      name = dot > 0 ? `${file.name.slice(0, dot)} (${n})${file.name.slice(dot)}` : `${file.name} (${n})`;
    }
    used.add(name.toLowerCase());
    zip.addReadStreamLazy(`${folder}/files/${name}`, { compress: false, size: file.size }, (done) => {
      open(file).then(
        (stream) => done(null, stream),
        (error: unknown) => done(error, null as never),
      );
    });
  }
}
