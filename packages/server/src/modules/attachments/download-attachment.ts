import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { auditAs } from '../../audit/audit';
import { threadAuditTargets } from '../../audit/thread-clients';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { canDownloadAttachment } from '../../policies/attachments';
import { createDecryptStream } from './attachment-cipher';
import { findAttachmentForAccess } from './attachments.repo';
import { binding } from '../../crypto/bindings';

/** A file ready to stream: its name, size, stored type and the decrypted, verified bytes. */
export interface AttachmentDownload {
  id: string;
  name: string;
  size: number;
  contentType: string;
  body: Readable;
}

const ID = /^[0-9a-f-]{36}$/;

/**
 * R30/R31/R32: opens an attachment for someone who may see it (404 for everyone else, in any
 * practice), audits the download, and returns the decrypted stream. The first chunk is
 * authenticated before this returns, so a damaged blob answers 500 instead of a file; a later
 * damaged chunk ends the stream with an error before any of its bytes are sent.
 */
export async function openAttachmentDownload(ctx: AppContext, actor: Actor, id: string): Promise<AttachmentDownload> {
  if (!ID.test(id)) throw notFound('This file');
  const file = await findAttachmentForAccess(ctx.db, actor.practiceId, id, actor.userId);
  if (!file || !canDownloadAttachment(actor, file)) throw notFound('This file');
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const name = cipher.decrypt(binding('attachments.name', file.id), file.nameEnc);
  // R32/R38: a download from a thread is an event about that thread's clients.
  await ctx.db.transaction().execute(async (tx) =>
    auditAs(tx, actor, 'attachment.downloaded', {
      attachmentId: file.id,
      ...(file.threadId ? await threadAuditTargets(tx, actor.practiceId, file.threadId) : {}),
    }),
  );
  const stored = await ctx.blobs.get(file.blobKey);
  const plain = createDecryptStream((keyId) => cipher.keyById(keyId), file.id);
  pipeline(stored, plain, () => undefined);
  const chunks = plain[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch {
    ctx.log.error({ attachmentId: file.id }, 'stored attachment failed authentication');
    throw new AppError('internal', 'This file could not be read.');
  }
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } catch (error) {
      ctx.log.error({ attachmentId: file?.id }, 'stored attachment failed authentication mid-stream');
      throw error;
    } finally {
      // Also when the client goes away: closes the decryptor and the stored blob's handle.
      await chunks.return?.();
    }
  }
  return {
    id: file.id,
    name,
    size: file.size,
    contentType: file.contentType,
    body: Readable.from(rest(), { objectMode: false }),
  };
}
