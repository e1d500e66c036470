import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanText, hasInvisible, TextBlock, TextLine, USER_TEXT_KEY } from './text';

describe('user text: control and format characters (R4, R5)', () => {
  it.each([
    ['NUL', '\u0000'],
    ['bell', '\u0007'],
    ['escape', '\u001b'],
    ['delete', '\u007f'],
    ['C1 control', '\u0090'],
    ['right-to-left override', '\u202e'],
    ['left-to-right embedding', '\u202a'],
    ['right-to-left isolate', '\u2067'],
    ['pop directional isolate', '\u2069'],
    ['right-to-left mark', '\u200f'],
    ['Arabic letter mark', '\u061c'],
    ['zero-width space', '\u200b'],
    ['word joiner', '\u2060'],
    ['byte-order mark', '\ufeff'],
    ['soft hyphen', '\u00ad'],
    ['interlinear annotation', '\ufff9'],
    ['tag character', '\u{e0041}'],
  ])('R4: %s is removed from a line and from a block', (_label, char) => {
    expect(cleanText(`a${char}b${char}`)).toBe('ab');
    expect(cleanText(`a${char}b${char}`, true)).toBe('ab');
    expect(TextLine.parse(`${char} Sleep${char} log ${char}`)).toBe('Sleep log');
    expect(TextLine.parse(char.repeat(20))).toBe('');
  });

  it('R5: a block keeps line feeds and tabs; a line turns line breaks into spaces', () => {
    expect(cleanText('one\r\ntwo\rthree\u2028four\ttab', true)).toBe('one\ntwo\nthree\nfour\ttab');
    expect(cleanText('one\r\ntwo\nthree\tfour\u2029five')).toBe('one two three four five');
  });

  it('R4: joiners stay where they shape letters or emoji, and nowhere else', () => {
    const family = '\u{1f469}\u200d\u{1f469}\u200d\u{1f467}';
    expect(cleanText(family)).toBe(family);
    expect(cleanText('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toBe(
      '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645',
    );
    expect(cleanText('\u200d\u200c')).toBe('');
    expect(cleanText('a\u200d ')).toBe('a ');
  });

  it('R4: ordinary text of any script is untouched', () => {
    for (const text of ['Résumé – été', 'שלום עולם', 'مرحبا', 'こんにちは', 'Ünïcødé 😀', '<b>&amp;</b>']) {
      expect(cleanText(text)).toBe(text);
      expect(hasInvisible(text)).toBe(false);
    }
    expect(hasInvisible('a\u202eb')).toBe(true);
  });

  it('R4: the schemas clean as they parse, keep the marker through min/max/optional, and encode', () => {
    const Field = TextLine.min(1).max(5).optional();
    expect(Field.parse('  ab\u0000c ')).toBe('abc');
    expect(Field.safeParse('\u202e').success).toBe(false);
    expect(TextBlock.max(10).parse('x\u0000\ny')).toBe('x\ny');
    const json = z.toJSONSchema(z.object({ a: Field, b: TextBlock.max(3) }), { io: 'input' });
    expect(json.properties?.a).toMatchObject({ [USER_TEXT_KEY]: 'line' });
    expect(json.properties?.b).toMatchObject({ [USER_TEXT_KEY]: 'block' });
    expect(z.encode(z.object({ a: TextLine }), { a: 'x\u0000' })).toEqual({ a: 'x' });
  });
});
