import { describe, expect, it } from 'vitest';
import { bodyToText, checkedBody, checkedSubject, sanitizeBody, visibleLength } from './message-body';

describe('R5 message body', () => {
  it('R5: keeps the allow-listed formatting', () => {
    const html =
      '<p><strong>b</strong><b>b</b><em>i</em><i>i</i><u>u</u><s>s</s><strike>s</strike><del>d</del></p><ul><li>x</li></ul><ol><li>y</li></ol><blockquote>q</blockquote><br />';
    expect(sanitizeBody(html)).toBe(html);
  });

  it('R5: drops scripts, styles, event handlers and unknown tags', () => {
    const out = sanitizeBody('<p onclick="x()">hi<script>alert(1)</script><img src=x onerror=y><style>p{}</style></p>');
    expect(out).toBe('<p>hi</p>');
  });

  it('R5: links keep http/https/mailto only and always open safely', () => {
    expect(sanitizeBody('<a href="https://a.example/x" onclick="y">a</a>')).toBe(
      '<a href="https://a.example/x" rel="noopener noreferrer" target="_blank">a</a>',
    );
    expect(sanitizeBody('<a href="javascript:alert(1)">a</a>')).toBe(
      '<a rel="noopener noreferrer" target="_blank">a</a>',
    );
    expect(sanitizeBody('<a href="mailto:x@y.example">m</a>')).toContain('href="mailto:x@y.example"');
  });

  it('R5: visible length ignores markup and white space', () => {
    expect(visibleLength('<p>  a b\n c </p><p><strong>d</strong></p>')).toBe(4);
    expect(visibleLength('<p>&amp;&nbsp;&lt;</p>')).toBe(2);
    expect(() => checkedBody('<p>    <b>  </b>  123456789</p>', 10)).toThrow(
      expect.objectContaining({ code: 'body_too_short' }),
    );
    expect(checkedBody('<p>1234567890</p>', 10)).toBe('<p>1234567890</p>');
    expect(() => checkedBody('a'.repeat(50_001), 10)).toThrow(expect.objectContaining({ code: 'body_too_long' }));
  });

  it('R5: text keeps line breaks for transcripts', () => {
    expect(bodyToText('<p>one</p><p>two<br>three</p><ul><li>a</li></ul>')).toBe('one\ntwo\nthree\n• a');
  });

  it('R4: subject is trimmed and must be 1–200 characters', () => {
    expect(checkedSubject('  Hello  ')).toBe('Hello');
    expect(() => checkedSubject('   ')).toThrow(expect.objectContaining({ code: 'subject_required' }));
    expect(() => checkedSubject('x'.repeat(201))).toThrow(expect.objectContaining({ code: 'subject_required' }));
    expect(checkedSubject('x'.repeat(200))).toHaveLength(200);
  });
});

describe('R5/R15 invisible characters and decoding', () => {
  it('R5: control and format characters are not visible characters — twenty NULs are an empty body', () => {
    for (const invisible of ['\u0000', '\u200b', '\u202e', '\u2066', '\ufeff', '\u00ad', '&#x202e;', '&#8203;']) {
      expect(() => checkedBody(`<p>${invisible.repeat(20)}</p>`, 10), invisible).toThrow(
        expect.objectContaining({ code: 'body_too_short' }),
      );
    }
    expect(sanitizeBody('<p>Take\u202e care\u0000 &#x202e;now</p>')).toBe('<p>Take care now</p>');
    expect(sanitizeBody('<p>one\r\ntwo\ttab</p>')).toBe('<p>one\ntwo\ttab</p>');
  });

  it('R4: a subject of control or format characters only is blank', () => {
    for (const subject of ['\u0000', '\u202e', '\u200b\u200b', '\u0007\u0000 ']) {
      expect(() => checkedSubject(subject)).toThrow(expect.objectContaining({ code: 'subject_required' }));
    }
    expect(checkedSubject('Sleep\u202e log')).toBe('Sleep log');
  });

  it('R15: the transcript decodes a body once — encoded text never turns into markup', () => {
    expect(bodyToText('<p>&amp;#60;img src=x onerror=alert(1)&amp;#62;</p>')).toBe(
      '&#60;img src=x onerror=alert(1)&#62;',
    );
    expect(bodyToText('<p>&amp;lt;b&amp;gt; &amp;amp;</p>')).toBe('&lt;b&gt; &amp;');
    expect(bodyToText('<p>a&#x202e;b &#99999999; c</p>')).toBe('ab \ufffd c');
  });
});
