import { describe, expect, it } from 'vitest';
import { toBlocks, toPlainText } from './rich-text';

const plain = { bold: false, italic: false, underline: false, strike: false, link: null };

describe('the transcript reads stored rich text (R49, R5)', () => {
  it('R49: bold, italic, underline, strike and links keep their formatting as runs', () => {
    const [block] = toBlocks(
      '<p>A <strong>bold</strong> <em>and <u>under</u></em> <s>gone</s> <a href="https://x.test/?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">link</a></p>',
    );
    expect(block?.runs).toEqual([
      { text: 'A ', ...plain },
      { text: 'bold', ...plain, bold: true },
      { text: ' ', ...plain },
      { text: 'and ', ...plain, italic: true },
      { text: 'under', ...plain, italic: true, underline: true },
      { text: ' ', ...plain },
      { text: 'gone', ...plain, strike: true },
      { text: ' ', ...plain },
      { text: 'link', ...plain, link: 'https://x.test/?a=1&b=2' },
    ]);
  });

  it('R49: lists are numbered or bulleted and nest; quotes are indented; entities decode once', () => {
    const blocks = toBlocks(
      '<ol><li><p>first</p></li><li>second<ul><li>inner</li></ul></li></ol><blockquote><p>said &amp;#60;b&amp;#62;</p></blockquote><p>after</p>',
    );
    expect(blocks.map((b) => [b.marker, b.depth, b.quoted, b.runs.map((r) => r.text).join('')])).toEqual([
      ['1.', 1, false, 'first'],
      ['2.', 1, false, 'second'],
      ['•', 2, false, 'inner'],
      [null, 1, true, 'said &#60;b&#62;'],
      [null, 0, false, 'after'],
    ]);
  });

  it('R49: the plain text of a body keeps list numbers, bullets and indents, without markup', () => {
    const html =
      '<p>Plain, <strong>bold</strong> &amp; a <a href="https://988lifeline.org">link</a>.</p>' +
      '<ul><li><p>a bullet</p><ul><li><p>nested</p></li></ul></li></ul>' +
      '<ol><li>first step</li><li>second step</li></ol><blockquote><p>a quoted line</p></blockquote>';
    expect(toPlainText(html)).toBe(
      [
        'Plain, bold & a link.',
        '  • a bullet',
        '    • nested',
        '  1. first step',
        '  2. second step',
        '  a quoted line',
      ].join('\n'),
    );
  });
});
