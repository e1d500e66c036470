import { Transform, type TransformCallback } from 'node:stream';
import { MAX_ATTACHMENT_BYTES, type AllowedExtension } from '@confide/api';
import { AppError } from '../../errors';
import { ALLOWED_TYPES_RULE, contentCheckFor, headMatchesExtension, SNIFF_BYTES } from './sniff-type';

/**
 * R6: the refusal for a file whose kind is not allowed or whose content is not what its name
 * says: the file's name, the rule it broke when one is known, and the general rule.
 */
export function typeNotAllowed(name: string, rule?: string): AppError {
  const why = rule ? `: ${rule}.` : '.';
  return new AppError('attachment_type_not_allowed', `“${name}” can’t be attached${why} ${ALLOWED_TYPES_RULE}`);
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
 * counting bytes and running the whole-file check of its kind (structure, polyglots, macros).
 * That check decides at the end, before the stream ends: a refusal then errors the stream, the
 * blob store never completes, and the caller deletes what was written and records nothing.
 * `size()` is the byte count once the stream has ended.
 */
export function createUploadInspector(name: string, ext: AllowedExtension): Transform & { size(): number } {
  let head: Buffer[] = [];
  let headBytes = 0;
  let isReleased = false;
  let size = 0;
  const check = contentCheckFor(ext);

  const release = async (stream: Transform): Promise<void> => {
    const start = Buffer.concat(head);
    head = [];
    if (!(await headMatchesExtension(start.subarray(0, SNIFF_BYTES), ext))) {
      throw typeNotAllowed(name, `its content is not what a .${ext} file holds`);
    }
    isReleased = true;
    stream.push(start);
  };

  const inspector = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (size > MAX_ATTACHMENT_BYTES) return callback(tooLarge(name));
      const refusal = check.push(chunk);
      if (refusal) return callback(typeNotAllowed(name, refusal));
      if (isReleased) return callback(null, chunk);
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) return callback();
      release(this).then(() => callback(), callback);
    },
    flush(callback: TransformCallback) {
      const finish = () => {
        const refusal = check.end();
        callback(refusal ? typeNotAllowed(name, refusal) : null);
      };
      if (isReleased) return finish();
      release(this).then(finish, callback);
    },
  });
  return Object.assign(inspector, { size: () => size });
}
