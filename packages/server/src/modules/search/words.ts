/**
 * Words as search sees them (R44): the same on both sides of the index, so "Médication",
 * "MEDICATION" and "medication" are one word. Pure functions, no keys: hashing is index-terms.ts.
 */

/** Prefixes shorter than this are not indexed: a word that short is matched only whole. */
export const MIN_PREFIX = 3;
/** Longer words are indexed (and searched) by their first this many characters. */
export const MAX_PREFIX = 20;
/** A search looks for at most this many words (the rest of a long query is ignored). */
export const MAX_QUERY_WORDS = 8;

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Lower case without accents: NFKD, combining marks dropped (é → e, ñ → n, ﬁ → fi). */
export function normalizeWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

/** A word of some text, normalised, with where it stands in that text. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/** The words of a text in order, normalised, with their positions in the original. */
export function wordSpans(text: string): WordSpan[] {
  return [...text.matchAll(WORD)].map((m) => ({
    word: normalizeWord(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Code points, so a prefix never splits a surrogate pair. */
function chars(word: string): string[] {
  return [...word];
}

/**
 * What the index keeps of one text: every normalised word's prefixes from MIN_PREFIX to
 * MAX_PREFIX characters (a shorter word whole), once each.
 */
export function indexPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (const { word } of wordSpans(text)) {
    const c = chars(word);
    if (c.length <= MIN_PREFIX) {
      out.add(word);
      continue;
    }
    for (let n = MIN_PREFIX; n <= Math.min(c.length, MAX_PREFIX); n += 1) out.add(c.slice(0, n).join(''));
  }
  return out;
}

/**
 * The words of a query as the index stores them: each normalised and cut to MAX_PREFIX, in
 * order, once each, at most MAX_QUERY_WORDS. A query word matches every word it begins
 * ("medic" finds "medication"); one of fewer than MIN_PREFIX characters matches only itself.
 */
export function queryWords(query: string): string[] {
  const out: string[] = [];
  for (const { word } of wordSpans(query)) {
    const cut = chars(word).slice(0, MAX_PREFIX).join('');
    if (!out.includes(cut)) out.push(cut);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

/** Whether a normalised word of a text is matched by a query word (see queryWords). */
export function matchesWord(word: string, queryWord: string): boolean {
  return chars(queryWord).length < MIN_PREFIX ? word === queryWord : word.startsWith(queryWord);
}

/** Whether every query word matches some word of the texts. */
export function matchesAll(texts: string[], words: string[]): boolean {
  const spans = texts.flatMap((t) => wordSpans(t));
  return words.every((q) => spans.some((s) => matchesWord(s.word, q)));
}

const EXCERPT_BEFORE = 40;
const EXCERPT_AFTER = 100;

/**
 * A short piece of `text` around the first word a query word matches, cut at word boundaries,
 * with "…" where it was cut; null when nothing matches.
 */
export function excerptAround(text: string, words: string[]): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  const hit = wordSpans(flat).find((s) => words.some((q) => matchesWord(s.word, q)));
  if (!hit) return null;
  let start = Math.max(0, hit.start - EXCERPT_BEFORE);
  let end = Math.min(flat.length, hit.end + EXCERPT_AFTER);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < hit.start ? space + 1 : hit.start;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    end = space > hit.end ? space : end;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
