import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { hashSlots } from './hash-slots';
import { estimateStrength, MIN_GUESSES_LOG10, personalWords } from './password-strength';

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
 * Passwords published as examples of good ones (xkcd 936 and the like): every cracking list
 * starts with them, whatever an estimator makes of their words. Compared without case,
 * spaces or punctuation.
 */
const PUBLISHED_EXAMPLES = new Set(['correcthorsebatterystaple', 'tr0ub4dor3', 'troubador3']);

/** Whom a password belongs to: their own words are the first an attacker tries (R28). */
export interface PasswordContext {
  email?: string;
  name?: string;
  practiceName?: string;
}

/**
 * Why a password is refused (R28), or null when it is acceptable: at least 12 characters, not a
 * common or breached password (49k known from breaches), not one of those with digits or symbols
 * tacked on, not one character repeated, not the person's own email or name, and judged hard to
 * guess (at least 10^10 guesses) by zxcvbn with the person's name, email and practice as context.
 */
export async function passwordProblem(password: string, context: PasswordContext = {}): Promise<string | null> {
  if (password.length < 12) return 'A password has at least 12 characters.';
  if (password.length > 1024) return 'A password has at most 1024 characters.';
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (
    common.has(lower) ||
    (core.length > 0 && common.has(core)) ||
    isRepetition(lower) ||
    PUBLISHED_EXAMPLES.has(lower.replace(/[^\p{L}\p{N}]/gu, ''))
  ) {
    return 'This password is too common: it appears in lists of breached passwords. Choose another.';
  }
  const local = context.email?.toLowerCase().split('@')[0];
  if ((local && local.length >= 4 && lower.includes(local)) || (context.name && lower === context.name.toLowerCase())) {
    return 'A password cannot contain your email address or name.';
  }
  const estimate = await estimateStrength(password, personalWords(context));
  if (estimate.guessesLog10 < MIN_GUESSES_LOG10) {
    const why = estimate.feedback.warning ? ` ${estimate.feedback.warning}` : '';
    return `This password is too easy to guess.${why} Use four or more unrelated words, or 12 or more random characters.`;
  }
  return null;
}

function isRepetition(value: string): boolean {
  for (let size = 1; size <= value.length / 2; size += 1) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) return true;
  }
  return false;
}
