import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GCM, open, seal } from './aes';

describe('AES-256-GCM (R31)', () => {
  const key = randomBytes(32);
  const aad = 'messages.body:0190-a';

  it('R31: what is sealed opens with the same key and associated data', () => {
    const sealed = seal(key, Buffer.from('a private message'), aad);
    expect(sealed.length).toBe(GCM.IV_BYTES + GCM.TAG_BYTES + 'a private message'.length);
    expect(open(key, sealed, aad).toString()).toBe('a private message');
    expect(sealed.includes(Buffer.from('private'))).toBe(false);
  });

  it('R31: every seal uses a fresh IV, so equal texts do not look equal', () => {
    const a = seal(key, Buffer.from('same'), aad);
    const b = seal(key, Buffer.from('same'), aad);
    expect(a.subarray(0, GCM.IV_BYTES).equals(b.subarray(0, GCM.IV_BYTES))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('R31: any flipped byte — IV, tag or ciphertext — makes opening throw', () => {
    const sealed = seal(key, Buffer.from('do not touch'), aad);
    for (const index of [0, GCM.IV_BYTES, GCM.IV_BYTES + GCM.TAG_BYTES, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(() => open(key, tampered, aad), `byte ${index}`).toThrow();
    }
  });

  it("R31: another row's associated data, another key, or a truncated text throws", () => {
    const sealed = seal(key, Buffer.from('bound to its row'), aad);
    expect(() => open(key, sealed, 'messages.body:0190-b')).toThrow();
    expect(() => open(randomBytes(32), sealed, aad)).toThrow();
    expect(() => open(key, sealed.subarray(0, 20), aad)).toThrow(/too short/);
    expect(() => open(key, sealed.subarray(0, sealed.length - 1), aad)).toThrow();
  });
});
