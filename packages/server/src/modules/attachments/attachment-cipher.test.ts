import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  AttachmentIntegrityError,
  createDecryptStream,
  createEncryptStream,
  encryptedLength,
} from './attachment-cipher';

const key = { id: '0190c2a4-0000-7000-8000-000000000001', key: randomBytes(32) };
const older = { id: '0190c2a4-0000-7000-8000-000000000002', key: randomBytes(32) };
const keys = new Map([
  [key.id, key],
  [older.id, older],
]);
const keyById = (id: string) => {
  const found = keys.get(id);
  if (!found) throw new Error('unknown key');
  return found;
};

/** Feeds `data` in pieces of `piece` bytes (to cross chunk boundaries in odd places). */
function source(data: Buffer, piece = 7_001): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += piece) parts.push(data.subarray(i, i + piece));
  return Readable.from(parts);
}

async function encrypt(data: Buffer, id = 'att-1', chunk = 1024, with_ = key): Promise<Buffer> {
  return buffer(source(data).pipe(createEncryptStream(with_, id, chunk)));
}

async function decrypt(stored: Buffer, id = 'att-1'): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(source(stored, 333), createDecryptStream(keyById, id), async (chunks: AsyncIterable<Buffer>) => {
    for await (const c of chunks) out.push(c);
  });
  return Buffer.concat(out);
}

describe('chunked attachment cipher', () => {
  it.each([0, 1, 1023, 1024, 1025, 2048, 10_000])('R31: round-trips %i bytes; length is predictable', async (n) => {
    const data = randomBytes(n);
    const stored = await encrypt(data);
    expect(stored.length).toBe(encryptedLength(n, key.id, 1024));
    expect(await decrypt(stored)).toEqual(data);
  });

  it('R31: the stored form does not contain the plaintext', async () => {
    const data = Buffer.from('CANARY-PLAINTEXT-'.repeat(200));
    const stored = await encrypt(data);
    expect(stored.includes(Buffer.from('CANARY-PLAINTEXT'))).toBe(false);
  });

  it('R31: a flipped byte anywhere is refused, never decrypted to other bytes', async () => {
    const data = randomBytes(5000);
    const stored = await encrypt(data);
    for (const at of [10, 60, 1100, 2500, stored.length - 1]) {
      const tampered = Buffer.from(stored);
      tampered[at] = (tampered[at] ?? 0) ^ 1;
      await expect(decrypt(tampered)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    }
  });

  it('R31: truncation at a chunk boundary, a dropped or swapped chunk, or appended bytes are refused', async () => {
    const stored = await encrypt(randomBytes(4096), 'att-1', 1024);
    const headerBytes = stored.length - 4 * (1024 + 28);
    const record = (i: number) => stored.subarray(headerBytes + i * 1052, headerBytes + (i + 1) * 1052);
    const head = stored.subarray(0, headerBytes);
    await expect(decrypt(Buffer.concat([head, record(0), record(1), record(2)]))).rejects.toThrow(
      AttachmentIntegrityError,
    );
    await expect(decrypt(Buffer.concat([head, record(0), record(2), record(3)]))).rejects.toThrow(
      AttachmentIntegrityError,
    );
    await expect(decrypt(Buffer.concat([head, record(1), record(0), record(2), record(3)]))).rejects.toThrow(
      AttachmentIntegrityError,
    );
    await expect(decrypt(Buffer.concat([stored, Buffer.alloc(3)]))).rejects.toThrow(AttachmentIntegrityError);
    await expect(decrypt(head)).rejects.toThrow(AttachmentIntegrityError);
  });

  it('R31: a blob moved to another attachment id is refused', async () => {
    const stored = await encrypt(randomBytes(100), 'att-1');
    await expect(decrypt(stored, 'att-2')).rejects.toThrow(AttachmentIntegrityError);
  });

  it('R31: the header names the key, so files under an older (rotated) key stay readable', async () => {
    const data = randomBytes(3000);
    const stored = await encrypt(data, 'att-1', 1024, older);
    expect(await decrypt(stored)).toEqual(data);
    const unknown = await encrypt(data, 'att-1', 1024, { id: 'gone', key: randomBytes(32) });
    await expect(decrypt(unknown)).rejects.toThrow(AttachmentIntegrityError);
  });

  it('R31: nothing of a tampered chunk is emitted, only the chunks before it', async () => {
    const data = randomBytes(3 * 1024);
    const stored = await encrypt(data);
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 40] = (tampered[tampered.length - 40] ?? 0) ^ 0xff;
    const out: Buffer[] = [];
    await expect(
      pipeline(source(tampered, 100), createDecryptStream(keyById, 'att-1'), async (chunks: AsyncIterable<Buffer>) => {
        for await (const c of chunks) out.push(c);
      }),
    ).rejects.toThrow(AttachmentIntegrityError);
    const emitted = Buffer.concat(out);
    expect(emitted.length).toBeLessThanOrEqual(2048);
    expect(emitted).toEqual(data.subarray(0, emitted.length));
  });
});
