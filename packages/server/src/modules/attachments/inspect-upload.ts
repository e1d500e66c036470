import { Transform, type TransformCallback } from 'node:stream';
import { MAX_ATTACHMENT_BYTES, type AllowedExtension } from '@confide/api';
import { AppError } from '../../http/errors';
import { ALLOWED_TYPES_RULE, createCsvCheck, headMatchesExtension, SNIFF_BYTES } from './sniff-type';

/** R6: the refusal for a file whose kind is not allowed or whose content is not what its name says. */
export function typeNotAllowed(name: string): AppError {
  return new AppError('attachment_type_not_allowed', `“${name}” can’t be attached. ${ALLOWED_TYPES_RULE}`);
}

/** R6: the refusal for a file over 10 MiB. */
export function tooLarge(name: string): AppError {
  return new AppError(
    'attachment_too_large',
    `“${name}” is larger than 10 MB. Each attachment can be at most 10 MB (10,485,760 bytes).`,
  );
}

/**
 * A pass-through that lets a file on only once its start proves its type: it holds back the
 * first SNIFF_BYTES (or the whole file, if shorter), checks them, then streams the rest while
 * counting bytes (and, for CSV, checking every byte is UTF-8 text). Nothing of a refused file
 * reaches the cipher. `size()` is the byte count once the stream has ended.
 */
export function createUploadInspector(name: string, ext: AllowedExtension): Transform & { size(): number } {
  let head: Buffer[] = [];
  let headBytes = 0;
  let isReleased = false;
  let size = 0;
  const csv = ext === 'csv' ? createCsvCheck() : null;

  const release = async (stream: Transform): Promise<void> => {
    const start = Buffer.concat(head);
    head = [];
    if (!(await headMatchesExtension(start.subarray(0, SNIFF_BYTES), ext))) throw typeNotAllowed(name);
    isReleased = true;
    stream.push(start);
  };

  const inspector = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (size > MAX_ATTACHMENT_BYTES) return callback(tooLarge(name));
      if (csv && !csv.push(chunk)) return callback(typeNotAllowed(name));
      if (isReleased) return callback(null, chunk);
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) return callback();
      release(this).then(() => callback(), callback);
    },
    flush(callback: TransformCallback) {
      if (csv && !csv.end()) return callback(typeNotAllowed(name));
      if (isReleased) return callback();
      release(this).then(() => callback(), callback);
    },
  });
  return Object.assign(inspector, { size: () => size });
}
