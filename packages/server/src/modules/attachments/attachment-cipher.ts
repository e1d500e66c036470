import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { DataKey } from '../../crypto/keyring';

/**
 * The stored form of an attachment: a header, then the file in chunks, each sealed on its own
 * with AES-256-GCM, so a download checks every chunk before a byte of it leaves the server and
 * memory stays at one chunk however large the file.
 *
 *   header: "CFA" | version (1 byte) | chunk size (u32 BE) | key id length (1 byte) | key id (ASCII)
 *   chunk:  IV (12) | ciphertext (chunk size, or 0…chunk size for the last one) | tag (16)
 *
 * Each chunk's associated data binds the attachment id, the chunk's index and whether it is the
 * last one, so moving a blob to another attachment, reordering, dropping or appending chunks,
 * or cutting the file short at a chunk boundary all fail authentication.
 */
const MAGIC = Buffer.from('CFA', 'ascii');
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FIXED_HEADER = MAGIC.length + 1 + 4 + 1;
export const DEFAULT_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNK_BYTES = 1024 * 1024;

/** A stored attachment that cannot be read: wrong key, altered, truncated or not ours. */
export class AttachmentIntegrityError extends Error {}

function chunkAad(attachmentId: string, index: number, isFinal: boolean): Buffer {
  return Buffer.from(`attachments.content:${attachmentId}:${index}:${isFinal ? 1 : 0}`, 'utf8');
}

function header(keyId: string, chunkBytes: number): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  if (id.length === 0 || id.length > 255) throw new Error('key id must be 1–255 ASCII bytes');
  const fixed = Buffer.alloc(FIXED_HEADER);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt8(VERSION, MAGIC.length);
  fixed.writeUInt32BE(chunkBytes, MAGIC.length + 1);
  fixed.writeUInt8(id.length, MAGIC.length + 5);
  return Buffer.concat([fixed, id]);
}

/** How many bytes the stored form of a file of `plainBytes` takes. */
export function encryptedLength(plainBytes: number, keyId: string, chunkBytes = DEFAULT_CHUNK_BYTES): number {
  const chunks = Math.max(1, Math.ceil(plainBytes / chunkBytes));
  return FIXED_HEADER + Buffer.byteLength(keyId, 'ascii') + plainBytes + chunks * (IV_BYTES + TAG_BYTES);
}

/** A stream that turns a file into its stored, encrypted form under `key`. */
export function createEncryptStream(key: DataKey, attachmentId: string, chunkBytes = DEFAULT_CHUNK_BYTES): Transform {
  let index = 0;
  let buffered: Buffer[] = [];
  let bufferedBytes = 0;

  const seal = (plain: Buffer, isFinal: boolean): Buffer => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(chunkAad(attachmentId, index, isFinal));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    index += 1;
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  };

  return new Transform({
    construct(callback) {
      this.push(header(key.id, chunkBytes));
      callback();
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      buffered.push(chunk);
      bufferedBytes += chunk.length;
      // A full chunk is sealed only once more data follows it: until then it may be the last one.
      while (bufferedBytes > chunkBytes) {
        const all = Buffer.concat(buffered);
        this.push(seal(all.subarray(0, chunkBytes), false));
        buffered = [all.subarray(chunkBytes)];
        bufferedBytes -= chunkBytes;
      }
      callback();
    },
    flush(callback: TransformCallback) {
      this.push(seal(Buffer.concat(buffered), true));
      buffered = [];
      callback();
    },
  });
}

/**
 * A stream that turns the stored form back into the file. Each chunk is authenticated before
 * it is pushed; any failure errors the stream with AttachmentIntegrityError instead.
 * `keyById` resolves the data key named in the header (older keys stay readable after rotation).
 */
export function createDecryptStream(keyById: (id: string) => DataKey, attachmentId: string): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let key: DataKey | null = null;
  let recordBytes = 0;
  let index = 0;

  const fail = (why: string) => new AttachmentIntegrityError(`stored attachment is not readable: ${why}`);

  const open = (record: Buffer, isFinal: boolean): Buffer => {
    if (!key || record.length < IV_BYTES + TAG_BYTES) throw fail('chunk too short');
    const decipher = createDecipheriv('aes-256-gcm', key.key, record.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(chunkAad(attachmentId, index, isFinal));
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([
        decipher.update(record.subarray(IV_BYTES, record.length - TAG_BYTES)),
        decipher.final(),
      ]);
      index += 1;
      return plain;
    } catch {
      throw fail(`chunk ${index} failed authentication`);
    }
  };

  const readHeader = (): boolean => {
    if (pending.length < FIXED_HEADER) return false;
    if (!pending.subarray(0, MAGIC.length).equals(MAGIC)) throw fail('unknown format');
    if (pending.readUInt8(MAGIC.length) !== VERSION) throw fail('unknown version');
    const chunkBytes = pending.readUInt32BE(MAGIC.length + 1);
    if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw fail('bad chunk size');
    const idBytes = pending.readUInt8(MAGIC.length + 5);
    if (pending.length < FIXED_HEADER + idBytes) return false;
    const keyId = pending.subarray(FIXED_HEADER, FIXED_HEADER + idBytes).toString('ascii');
    try {
      key = keyById(keyId);
    } catch {
      throw fail('unknown data key');
    }
    recordBytes = IV_BYTES + chunkBytes + TAG_BYTES;
    pending = pending.subarray(FIXED_HEADER + idBytes);
    return true;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
        if (!key && !readHeader()) return callback();
        // Strictly more than one record buffered: the first one cannot be the last chunk.
        while (pending.length > recordBytes) {
          this.push(open(pending.subarray(0, recordBytes), false));
          pending = pending.subarray(recordBytes);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (!key) throw fail('missing header');
        this.push(open(pending, true));
        pending = Buffer.alloc(0);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
