import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { allowedAttachmentTypes, MAX_FILES_PER_UPLOAD, type AttachmentInfo } from '@confide/api';
import type { MultipartFile } from '@fastify/multipart';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { DataKey } from '../../crypto/keyring';
import type { AttachmentsTable } from '../../db/schema';
import type { Actor } from '../../actor';
import { AppError } from '../../errors';
import { newId, nowIso } from '../../ids';
import { createEncryptStream } from './attachment-cipher';
import { insertAttachments } from './attachments.repo';
import { presentAttachment } from './attachments.presenter';
import { sanitizeFileName } from './file-name';
import { createUploadInspector, tooLarge, typeNotAllowed } from './inspect-upload';
import { allowedExtensionOf } from './sniff-type';
import { binding } from '../../crypto/bindings';

interface StoredFile {
  id: string;
  blobKey: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

/**
 * R6/R31/R34: streams each uploaded file through the type check and the cipher into the blob
 * store, then records all of them in one transaction. If any file is refused, nothing is kept:
 * the blobs already written by this request are deleted and no row is inserted.
 */
export async function uploadAttachments(
  ctx: AppContext,
  actor: Actor,
  files: AsyncIterator<MultipartFile>,
): Promise<AttachmentInfo[]> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const key = cipher.activeKey();
  const stored: StoredFile[] = [];
  try {
    for (let next = await files.next(); !next.done; next = await files.next()) {
      const part = next.value;
      try {
        if (part.fieldname !== 'file')
          throw new AppError('validation_failed', 'Send each file in a part named "file".');
        stored.push(await storeFile(ctx, key, part));
      } finally {
        // Whatever happened to this part, read it to its end so the parser reaches the next one.
        part.file.resume();
      }
    }
    if (stored.length === 0) throw new AppError('validation_failed', 'Choose at least one file to attach.');
    const createdAt = nowIso();
    await ctx.db.transaction().execute(async (tx) => {
      const rows: AttachmentsTable[] = stored.map((file) => ({
        id: file.id,
        practice_id: actor.practiceId,
        uploader_id: actor.userId,
        message_id: null,
        draft_id: null,
        name_enc: cipher.encrypt(binding('attachments.name', file.id), file.name),
        size: file.size,
        content_type: file.contentType,
        blob_key: file.blobKey,
        created_at: createdAt,
        sha256: file.sha256,
      }));
      await insertAttachments(tx, rows);
      for (const file of stored) {
        await auditAs(tx, actor, 'attachment.uploaded', { attachmentId: file.id });
      }
    });
    return stored.map(presentAttachment);
  } catch (error) {
    await Promise.all(stored.map((file) => ctx.blobs.delete(file.blobKey).catch(() => undefined)));
    await drain(files);
    throw asUploadError(error);
  }
}

/** Streams one part to the blob store; on refusal its partial blob is removed. */
async function storeFile(ctx: AppContext, key: DataKey, part: MultipartFile): Promise<StoredFile> {
  const name = sanitizeFileName(part.filename) || 'unnamed file';
  const ext = allowedExtensionOf(name);
  if (!ext) throw typeNotAllowed(name, 'its extension is not one of .pdf, .jpg, .jpeg, .png, .doc, .docx, .csv');
  const id = newId();
  // The storage key is generated, never derived from the name; a UUIDv7 also dates the blob.
  const blobKey = newId();
  const inspector = createUploadInspector(name, ext);
  let refusal: unknown = null;
  inspector.once('error', (error) => (refusal ??= error));
  const source: Readable = part.file;
  // Busboy stops at the limit and marks the part truncated; cut the upload off right there.
  source.once('limit', () => inspector.destroy(tooLarge(name)));
  source.once('error', (error) => inspector.destroy(error));
  source.pipe(inspector);
  // R49: the plaintext's SHA-256, taken on the way to the cipher, so exports can state it.
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const encrypted = inspector.pipe(hashing).pipe(createEncryptStream(key, id));
  inspector.once('error', (error) => encrypted.destroy(error));
  // The store may attach its own listeners only after an await; the failure reaches us via `refusal`.
  encrypted.on('error', () => undefined);
  try {
    await ctx.blobs.put(blobKey, encrypted);
    if (part.file.truncated) throw tooLarge(name);
  } catch (error) {
    source.unpipe(inspector);
    await ctx.blobs.delete(blobKey).catch(() => undefined);
    throw refusal ?? error;
  }
  return {
    id,
    blobKey,
    name,
    size: inspector.size(),
    contentType: allowedAttachmentTypes[ext],
    sha256: hash.digest('hex'),
  };
}

/** Reads what is left of a refused request, so the answer is not cut off by an unread upload. */
async function drain(files: AsyncIterator<MultipartFile>): Promise<void> {
  try {
    for (let next = await files.next(); !next.done; next = await files.next()) next.value.file.resume();
  } catch {
    // the parser's own limit errors end the request body too; nothing more to read
  }
}

/** The parser's limit errors, as the API's codes. */
function asUploadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError(
      'validation_failed',
      `Too many files in one upload: send at most ${MAX_FILES_PER_UPLOAD} at a time.`,
    );
  }
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('attachment_too_large', 'A file is larger than 10 MB. Each attachment can be at most 10 MB.');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('validation_failed', 'Send files as multipart/form-data.');
  }
  return error;
}
