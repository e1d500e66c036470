import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName } from './file-name';
import { createCsvCheck } from './check-csv';
import { createScanner } from './content-check';
import { allowedExtensionOf, headMatchesExtension } from './sniff-type';
import * as sample from './test-samples';

describe('attachment type sniffing', () => {
  it.each([
    ['pdf', sample.samplePdf()],
    ['png', sample.samplePng()],
    ['jpg', sample.sampleJpeg()],
    ['jpeg', sample.sampleJpeg()],
    ['doc', sample.sampleDoc()],
    ['docx', sample.sampleDocx(true)],
    ['docx', sample.sampleDocx(false)],
    ['csv', sample.sampleCsv()],
    ['csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sample.sampleCsv('a,b\né,ü\n')])],
  ] as const)('R6: a real .%s is accepted', async (ext, bytes) => {
    expect(await headMatchesExtension(bytes, ext)).toBe(true);
  });

  it.each([
    ['an executable renamed .pdf', 'pdf', sample.sampleExe()],
    ['HTML renamed .png', 'png', sample.sampleHtml()],
    ['SVG renamed .jpg', 'jpg', sample.sampleSvg()],
    ['a GIF renamed .png', 'png', sample.sampleGif()],
    ['a PNG renamed .pdf', 'pdf', sample.samplePng()],
    ['a plain zip renamed .docx', 'docx', sample.zip([{ name: 'a.txt', data: 'hi' }])],
    ['a .doc renamed .docx', 'docx', sample.sampleDoc()],
    ['a PDF renamed .csv', 'csv', sample.samplePdf()],
    ['HTML renamed .csv', 'csv', sample.sampleHtml()],
    ['a zip renamed .csv', 'csv', sample.sampleDocx()],
    ['an empty .pdf', 'pdf', Buffer.alloc(0)],
  ] as const)('R6: %s is refused', async (_label, ext, bytes) => {
    expect(await headMatchesExtension(bytes, ext)).toBe(false);
  });

  it('R6: only the allowed extensions are recognised, in any letter case', () => {
    expect(allowedExtensionOf('scan.PDF')).toBe('pdf');
    expect(allowedExtensionOf('photo.Jpeg')).toBe('jpeg');
    for (const name of ['notes.txt', 'anim.gif', 'logo.svg', 'page.html', 'setup.exe', 'noext', 'x.pdf.exe']) {
      expect(allowedExtensionOf(name)).toBeNull();
    }
    expect(allowedExtensionOf('constructor')).toBeNull();
    expect(allowedExtensionOf('a.constructor')).toBeNull();
  });

  it('R6: CSV must be UTF-8 text without NUL bytes, across chunk boundaries', () => {
    const ok = createCsvCheck();
    const text = Buffer.from('name,é\n', 'utf8');
    const split = text.indexOf(0xc3) + 1; // in the middle of the two-byte é
    expect(ok.push(text.subarray(0, split))).toBeNull();
    expect(ok.push(text.subarray(split))).toBeNull();
    expect(ok.end()).toBeNull();

    const nul = createCsvCheck();
    expect(nul.push(Buffer.from('a,b\0,c'))).toContain('UTF-8 text');
    const utf16 = createCsvCheck();
    expect(utf16.push(Buffer.from('a,b', 'utf16le'))).toContain('UTF-8 text');
    const bad = createCsvCheck();
    expect(bad.push(Buffer.from([0x61, 0xff, 0x62]))).toContain('UTF-8 text');
    const cut = createCsvCheck();
    expect(cut.push(Buffer.from([0x61, 0xc3]))).toBeNull();
    expect(cut.end()).toContain('UTF-8 text');
    const script = createCsvCheck();
    expect(script.push(Buffer.from('#'))).toBeNull();
    expect(script.push(Buffer.from('!/bin/sh\n'))).toContain('not a script');
    const page = createCsvCheck();
    expect(page.push(Buffer.from('a,b\n<scr'))).toBeNull();
    expect(page.push(Buffer.from('ipt>x</script>'))).toContain('not a web page');
    const tagAcross = createCsvCheck();
    expect(tagAcross.push(Buffer.from('a,b\n1,2\n<scr'))).toBeNull();
    expect(tagAcross.push(Buffer.from('ipt>x'))).toContain('not a web page');
  });

  it('R6: CSV UTF-8 is checked byte for byte, whatever the chunk boundaries', () => {
    const text = Buffer.from('name,é,€,😀,ü\n'.repeat(3), 'utf8');
    for (let size = 1; size <= 7; size += 1) {
      const check = createCsvCheck();
      for (let at = 0; at < text.length; at += size) expect(check.push(text.subarray(at, at + size))).toBeNull();
      expect(check.end()).toBeNull();
    }
    for (const bytes of [
      [0xc0, 0xaf], // overlong "/"
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0x80], // a continuation byte alone
      [0xe2, 0x82, 0x61], // a sequence cut short by ASCII
    ]) {
      const check = createCsvCheck();
      const refusal = [...bytes, 0x0a].map((byte) => check.push(Buffer.from([byte]))).find((r) => r !== null);
      expect(refusal ?? check.end()).toContain('UTF-8 text');
    }
  });

  it('R6: a scanner told the first byte of its matches finds them at the same offsets', () => {
    const file = Buffer.from(
      'xx<html> plain text '.repeat(2) + 'no tag here at all, just text '.repeat(4) + 'a<bo' + 'dy>',
    );
    const found = (firstByte?: number) => {
      const offsets: number[] = [];
      const scan = createScanner(/<(?:html|body)[\s>]/i, 8, (offset) => offsets.push(offset), firstByte);
      for (let at = 0; at < file.length; at += 5) scan(file.subarray(at, at + 5));
      return offsets;
    };
    expect(found(0x3c)).toEqual([2, 22, 161]);
    expect(found(0x3c)).toEqual(found());
  });
});

describe('attachment file names', () => {
  it('R6: path parts, control and direction-override characters are removed; length is capped', () => {
    expect(sanitizeFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\me\\scan.pdf')).toBe('scan.pdf');
    expect(sanitizeFileName('in\u0000voice\r\n.pdf')).toBe('invoice.pdf');
    expect(sanitizeFileName('report\u202Efdp.exe')).toBe('reportfdp.exe');
    expect(sanitizeFileName('scan\u200b\u2066.pdf\u2069')).toBe('scan.pdf');
    expect(sanitizeFileName('  .hidden.csv ')).toBe('hidden.csv');
    expect(sanitizeFileName(undefined)).toBe('');
    const long = sanitizeFileName(`${'a'.repeat(400)}.docx`);
    expect([...long].length).toBe(255);
    expect(long.endsWith('.docx')).toBe(true);
    expect(sanitizeFileName('Résumé – été.pdf')).toBe('Résumé – été.pdf');
  });

  it('R6: the download header carries an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Résumé "final";.pdf', false)).toBe(
      `attachment; filename="R_sum_ _final__.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%3B.pdf`,
    );
    expect(contentDisposition('scan (1).png', true)).toBe(
      `inline; filename="scan (1).png"; filename*=UTF-8''scan%20%281%29.png`,
    );
  });
});
