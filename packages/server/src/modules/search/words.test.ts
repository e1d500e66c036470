import { describe, expect, it } from 'vitest';
import { excerptAround, indexPrefixes, matchesAll, normalizeWord, queryWords, wordSpans } from './words';

describe('search words (R44)', () => {
  it('R44: case and accents do not matter', () => {
    expect(normalizeWord('MÉDICATION')).toBe('medication');
    expect(normalizeWord('Peña')).toBe('pena');
    expect(normalizeWord('Straße')).toBe('strasse');
    expect(queryWords('  José   GARCÍA josé ')).toEqual(['jose', 'garcia']);
  });

  it('R44: a word is indexed by its prefixes from 3 characters, a short word whole', () => {
    expect([...indexPrefixes('Dr Ana — therapy!')].sort()).toEqual(
      ['ana', 'dr', 'the', 'ther', 'thera', 'therap', 'therapy'].sort(),
    );
    expect(indexPrefixes('a'.repeat(30)).size).toBe(18);
  });

  it('R44: a query word finds the words it begins; a short one only itself', () => {
    expect(matchesAll(['The medication list'], ['medic', 'list'])).toBe(true);
    expect(matchesAll(['The medication list'], ['medic', 'lists'])).toBe(false);
    expect(matchesAll(['Dr. Ana'], ['dr'])).toBe(true);
    expect(matchesAll(['drive'], ['dr'])).toBe(false);
  });

  it('R44: words keep their place in the original text', () => {
    expect(wordSpans('Ça va, Zoë?')).toEqual([
      { word: 'ca', start: 0, end: 2 },
      { word: 'va', start: 3, end: 5 },
      { word: 'zoe', start: 7, end: 10 },
    ]);
  });

  it('R44: the excerpt is cut around the first match at word boundaries', () => {
    const text = `${'Some words before the point. '.repeat(5)}Your médication refill is ready. ${'More after. '.repeat(20)}`;
    const excerpt = excerptAround(text, ['medication']) ?? '';
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toContain('Your médication refill is ready.');
    expect(excerpt.length).toBeLessThan(160);
    expect(excerptAround('short text', ['nothing'])).toBeNull();
    expect(excerptAround('short text', ['sho'])).toBe('short text');
  });
});
