import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { hashSlots } from './hash-slots';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The hashing runs on libuv's pool, off the event
// loop, a few at a time (hash-slots.ts).
// `algorithm: 2` is Argon2id (the package's enum is a const enum, which isolated modules cannot import).
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id (waits for a slot however long the queue: seeding hashes many). */
export function hashPassword(password: string): Promise<string> {
  return hashSlots.run(() => hash(password, options), false);
}

/**
 * Checks a password against its hash; a malformed hash is simply a mismatch. Throws
 * HashQueueFull when too many checks are already waiting (a sign-in storm).
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return hashSlots.run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown email cannot be told from a wrong password. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('confide-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/**
 * Why a password is refused (R28), or null when it is acceptable: at least 12 characters, not a
 * common or breached password (49k known from breaches), not one of those with digits or symbols
 * tacked on, not one character repeated, and not the person's own email.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < 12) return 'A password has at least 12 characters.';
  if (password.length > 1024) return 'A password has at most 1024 characters.';
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (common.has(lower) || (core.length > 0 && common.has(core)) || isRepetition(lower)) {
    return 'This password is too common: it appears in lists of breached passwords. Choose another.';
  }
  const local = context.email?.toLowerCase().split('@')[0];
  if ((local && local.length >= 4 && lower.includes(local)) || (context.name && lower === context.name.toLowerCase())) {
    return 'A password cannot contain your email address or name.';
  }
  return null;
}

function isRepetition(value: string): boolean {
  for (let size = 1; size <= value.length / 2; size += 1) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) return true;
  }
  return false;
}
