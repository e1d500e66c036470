/**
 * R42: finds words of crisis in a message's plaintext, on the server, before it is encrypted.
 * Pure and deterministic; nothing here logs or keeps the text.
 *
 * Both the text and each listed phrase are normalised the same way — lower case, accents
 * removed, apostrophes dropped, anything else that is not a letter or digit a space, runs of
 * one letter collapsed ("kiill" = "kill") — then compared word by word:
 * - a word matches its stem ("killing", "killed", "kills" = "kill"; "morirme" = "morir");
 * - a word of 5+ letters may be one edit away ("sucide", "suiside"), 9+ letters two; a word of
 *   4 letters may have two letters swapped ("wnat");
 * - one phrase word may be written as two ("my self");
 * - up to two filler words may stand between phrase words ("end my own life", "want to just die").
 */
export interface CrisisMatcher {
  matches(text: string): boolean;
}

const FILLERS = new Set([
  'just',
  'really',
  'so',
  'own',
  'all',
  'even',
  'simply',
  'actually',
  'literally',
  'honestly',
  'totally',
  'fucking',
  'kinda',
  'ya',
  'solo',
  'realmente',
  'de',
  'verdad',
]);

const IRREGULAR: Record<string, string> = { died: 'die', dies: 'die', dying: 'die', dead: 'dead' };

/** Lower case, no accents, no apostrophes, letters and digits only, repeated letters once. */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})\1+/gu, '$1')
    .split(' ')
    .filter((w) => w.length > 0);
}

/** A crude stem: enough for "killing"/"killed"/"kills", "overdosing", "matarme"/"morirme". */
export function stem(word: string): string {
  const known = IRREGULAR[word];
  if (known) return known;
  let w = word;
  // Spanish enclitic "-me" on an infinitive: matarme → matar, morirme → morir.
  if (/[aei]rme$/.test(w)) w = w.slice(0, -2);
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length >= 4) w = w.slice(0, -1);
  return w;
}

/** Optimal-string-alignment distance, stopping early once it passes `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] as number[];
      let value = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    rows.push(row);
    if (i > 0 && best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
  const [x, y] = diff;
  return diff.length === 2 && x !== undefined && y === x + 1 && a[x] === b[y] && a[y] === b[x];
}

/** Does a written word stand for a phrase word (same stem, or a likely misspelling of it)? */
export function sameWord(written: string, wanted: string): boolean {
  if (written === wanted) return true;
  const a = stem(written);
  const b = stem(wanted);
  if (a === b) return true;
  const length = Math.min(wanted.length, written.length);
  if (length >= 9) return editDistance(written, wanted, 2) <= 2 || editDistance(a, b, 2) <= 2;
  if (length >= 5) return editDistance(written, wanted, 1) <= 1 || editDistance(a, b, 1) <= 1;
  if (length === 4) return isSwap(written, wanted);
  return false;
}

/** Does the phrase start at word `i` of the text? Returns true on the first way it fits. */
function matchesAt(
  same: (written: string, wanted: string) => boolean,
  words: string[],
  i: number,
  phrase: string[],
  p: number,
  fillers: number,
): boolean {
  if (p === phrase.length) return true;
  if (i >= words.length) return false;
  const wanted = phrase[p] as string;
  const word = words[i] as string;
  if (same(word, wanted) && matchesAt(same, words, i + 1, phrase, p + 1, fillers)) return true;
  const joined = i + 1 < words.length && wanted.startsWith(word) ? word + (words[i + 1] as string) : null;
  if (joined && same(joined, wanted) && matchesAt(same, words, i + 2, phrase, p + 1, fillers)) return true;
  if (p > 0 && fillers < 2 && FILLERS.has(word)) return matchesAt(same, words, i + 1, phrase, p, fillers + 1);
  return false;
}

/** sameWord, remembered for one text: a long message repeats its words many times. */
function memoized(): (written: string, wanted: string) => boolean {
  const byWanted = new Map<string, Map<string, boolean>>();
  return (written, wanted) => {
    let seen = byWanted.get(wanted);
    if (!seen) byWanted.set(wanted, (seen = new Map<string, boolean>()));
    let result = seen.get(written);
    if (result === undefined) {
      result = sameWord(written, wanted);
      seen.set(written, result);
    }
    return result;
  };
}

const compiled = new Map<string, CrisisMatcher>();

/** A matcher for a practice's list (cached per list: every client message asks). */
export function crisisMatcher(phrases: string[]): CrisisMatcher {
  const key = phrases.join('\n');
  let matcher = compiled.get(key);
  if (!matcher) {
    const lists = phrases.map(normalizeWords).filter((p) => p.length > 0);
    matcher = {
      matches(text) {
        const words = normalizeWords(text);
        const same = memoized();
        return lists.some((phrase) => words.some((_, i) => matchesAt(same, words, i, phrase, 0, 0)));
      },
    };
    if (compiled.size >= 100) compiled.clear();
    compiled.set(key, matcher);
  }
  return matcher;
}
