import { createHmac } from 'node:crypto';
import { generateSecret, generateURI } from 'otplib';
import { safeEqual } from './tokens';

/** RFC 6238's defaults, which every authenticator app uses: 30-second steps, 6 digits, HMAC-SHA1. */
const STEP_SECONDS = 30;
const DIGITS = 6;
/** RFC 4226 §4: a shared secret has at least 128 bits and SHOULD have 160; 80 is the floor apps still issue. */
export const MIN_SECRET_BITS = 80;

/** A new base32 TOTP secret (160 bits). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// link an authenticator app scans. The label names the practice, never a client. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ secret, label: account, issuer });
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (case-insensitive, padding and spaces ignored), or null when it is not base32. */
export function decodeBase32(text: string): Buffer | null {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** Why a TOTP secret cannot be used (R28), or null: base32 of at least 80 bits. */
export function totpSecretProblem(secret: string): string | null {
  const key = decodeBase32(secret);
  if (!key) return 'A TOTP secret is base32 (letters A–Z and digits 2–7).';
  if (key.length * 8 < MIN_SECRET_BITS) {
    return `A TOTP secret has at least ${MIN_SECRET_BITS} bits (16 base32 characters); this one has ${key.length * 8}.`;
  }
  return null;
}

/** The RFC 6238 time step of a moment. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / STEP_SECONDS);
}

/** The code of one time step (RFC 4226 HOTP with the step as counter). */
function codeAt(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/**
 * The time step a 6-digit code belongs to — the current one or one step either side, for clock
 * drift — or null when it matches none. Steps at or before `lastUsedStep` never match: each
 * code is good once (R28), and so is any older one.
 */
export function matchTotp(secret: string, code: string, nowMs: number, lastUsedStep: number | null): number | null {
  const key = decodeBase32(secret);
  if (!key || key.length * 8 < MIN_SECRET_BITS || !/^\d{6}$/.test(code)) return null;
  const current = totpStep(nowMs);
  let matched: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    // Every candidate is compared, in constant time, so timing does not tell which step matched.
    if (safeEqual(codeAt(key, step), code) && matched === null) matched = step;
  }
  return matched;
}
