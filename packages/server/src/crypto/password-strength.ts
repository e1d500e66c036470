import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

/**
 * 10^10 guesses: zxcvbn's top score, "very unguessable". An offline attack on one argon2id hash
 * at 19 MiB runs at thousands of guesses per second per machine, so this is years of work; a
 * password of random common words or random characters of 12+ clears it easily.
 */
export const MIN_GUESSES_LOG10 = 10;
/** zxcvbn's cost grows with length; the first characters decide whether a password is guessable. */
const ESTIMATED_LENGTH = 100;

// Loaded on first use: the dictionaries take a moment to load, and most processes (every CLI
// command, a server nobody sets a password on) never need them.
let estimator: Promise<ZxcvbnFactory> | undefined;
function getEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [core, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
  })();
  return estimator;
}

/** Words of the person and the practice an attacker would try first. */
export function personalWords(context: { email?: string; name?: string; practiceName?: string }): string[] {
  const words = new Set<string>(['confide']);
  for (const text of [context.email, context.name, context.practiceName]) {
    if (!text) continue;
    const lower = text.toLowerCase();
    words.add(lower);
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** zxcvbn's estimate of a password, with the person's own words as context. */
export async function estimateStrength(password: string, userInputs: string[]): Promise<ZxcvbnResult> {
  return (await getEstimator()).check(password.slice(0, ESTIMATED_LENGTH), userInputs);
}
