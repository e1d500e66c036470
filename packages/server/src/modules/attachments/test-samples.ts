import { deflateRawSync } from 'node:zlib';

/** Tiny but real files of every kind the attachment tests upload (R6). */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A minimal real PDF: numbered objects, a cross-reference table with true offsets, startxref and
 * %%EOF. `padding` bytes (random unless given) go into a stream object, to make a large PDF.
 */
export function samplePdf(text = 'hello', padding: Buffer = Buffer.alloc(0)): Buffer {
  const objects = [
    Buffer.from('<</Type /Catalog /Pages 2 0 R>>', 'latin1'),
    Buffer.from('<</Type /Pages /Kids [] /Count 0>>', 'latin1'),
    Buffer.concat([
      Buffer.from(`<</Length ${padding.length}>>\nstream\n`, 'latin1'),
      padding,
      Buffer.from('\nendstream', 'latin1'),
    ]),
  ];
  const parts = [Buffer.from(`%PDF-1.4\n% ${text}\n`, 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    const object = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.push(length);
    parts.push(object);
    length += object.length;
  });
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}`;
  parts.push(
    Buffer.from(`${xref}trailer\n<</Size ${objects.length + 1} /Root 1 0 R>>\nstartxref\n${length}\n%%EOF\n`, 'latin1'),
  );
  return Buffer.concat(parts);
}

/** A PDF of exactly `size` bytes (its padding stream filled with random-looking bytes). */
export function samplePdfOfSize(size: number): Buffer {
  const filler = (length: number) => {
    const bytes = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) bytes[i] = Math.imul(i + 1, 2654435761) >>> 24;
    return bytes;
  };
  // The figures in the PDF (its stream length, startxref) grow with the padding: settle by trying.
  let padding = size - samplePdf('big').length;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const pdf = samplePdf('big', filler(padding));
    if (pdf.length === size) return pdf;
    padding += size - pdf.length;
  }
  throw new Error(`no PDF of ${size} bytes`);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 PNG. */
export function samplePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = deflateRawSync(Buffer.from([0, 255, 0, 0]));
  const zlibWrapped = Buffer.concat([Buffer.from([0x78, 0x01]), idat, Buffer.alloc(4)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibWrapped),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JFIF JPEG (enough for any sniffer), padded. */
export function sampleJpeg(): Buffer {
  const app0 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]);
  return Buffer.concat([
    app0,
    Buffer.from([0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    Buffer.alloc(64, 7),
    Buffer.from([0xff, 0xd9]),
  ]);
}

const FREE = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const FAT_SECTOR = 0xfffffffd;

/**
 * A Compound File (512-byte sectors) holding the given entries: storages (type 1) and streams
 * (type 2) of at least 4,096 bytes, laid out as header, FAT, directory, then the streams' sectors.
 */
export function compoundFile(entries: { name: string; type: 1 | 2; data?: Buffer }[]): Buffer {
  const streams = entries.map((entry) => entry.data ?? Buffer.alloc(0));
  const dirSectors = Math.ceil((entries.length + 1) / 4);
  const dataSectors = streams.map((data) => Math.ceil(data.length / 512));
  const fat: number[] = [FAT_SECTOR];
  for (let i = 0; i < dirSectors; i += 1) fat.push(i === dirSectors - 1 ? END_OF_CHAIN : fat.length + 1);
  const starts = dataSectors.map((count) => {
    if (count === 0) return END_OF_CHAIN;
    const start = fat.length;
    for (let i = 0; i < count; i += 1) fat.push(i === count - 1 ? END_OF_CHAIN : fat.length + 1);
    return start;
  });
  if (fat.length > 128) throw new Error('sample too large for one FAT sector');
  const header = Buffer.alloc(512);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(END_OF_CHAIN, 60); // no mini FAT
  header.writeUInt32LE(END_OF_CHAIN, 68); // no DIFAT sectors
  for (let slot = 0; slot < 109; slot += 1) header.writeUInt32LE(slot === 0 ? 0 : FREE, 76 + slot * 4);
  const fatSector = Buffer.alloc(512, 0xff);
  fat.forEach((next, i) => fatSector.writeUInt32LE(next, i * 4));
  const directory = Buffer.alloc(dirSectors * 512);
  const writeEntry = (slot: number, name: string, type: number, start: number, size: number) => {
    const at = slot * 128;
    directory.write(name, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 64);
    directory[at + 66] = type;
    directory.writeUInt32LE(FREE, at + 68);
    directory.writeUInt32LE(FREE, at + 72);
    directory.writeUInt32LE(slot === 0 && entries.length > 0 ? 1 : FREE, at + 76);
    directory.writeUInt32LE(start, at + 116);
    directory.writeUInt32LE(size, at + 120);
  };
  writeEntry(0, 'Root Entry', 5, END_OF_CHAIN, 0);
  entries.forEach((entry, i) =>
    writeEntry(i + 1, entry.name, entry.type, starts[i] ?? END_OF_CHAIN, streams[i]?.length ?? 0),
  );
  const body = streams.map((data, i) => Buffer.concat([data, Buffer.alloc((dataSectors[i] ?? 0) * 512 - data.length)]));
  return Buffer.concat([header, fatSector, directory, ...body]);
}

/** A Word stream: Word's File Information Block identifier, then filler. */
function wordStream(): Buffer {
  const stream = Buffer.alloc(4096, 0x20);
  stream.writeUInt16LE(0xa5ec, 0);
  return stream;
}

/** A Word 97–2003 document: a Compound File with a WordDocument and a 1Table stream. */
export function sampleDoc(): Buffer {
  return compoundFile([
    { name: 'WordDocument', type: 2, data: wordStream() },
    { name: '1Table', type: 2, data: Buffer.alloc(4096, 1) },
  ]);
}

/** An Excel 97–2003 workbook: a Compound File with a Workbook stream (not a Word document). */
export const sampleXls = (): Buffer => compoundFile([{ name: 'Workbook', type: 2, data: Buffer.alloc(4096, 9) }]);

/** An MSI installer: a Compound File whose streams have the installer's encoded names. */
export const sampleMsi = (): Buffer =>
  compoundFile([
    { name: '\u4840\u3f7f\u4164\u422f\u4836', type: 2, data: Buffer.alloc(4096, 3) },
    { name: '\u0005SummaryInformation', type: 2, data: Buffer.alloc(4096, 4) },
  ]);

/** A Word 97–2003 document carrying macros (a Macros storage beside the WordDocument stream). */
export const sampleDocWithMacros = (): Buffer =>
  compoundFile([
    { name: 'WordDocument', type: 2, data: wordStream() },
    { name: 'Macros', type: 1 },
  ]);

/** A zip archive of the given entries, stored or deflated. */
export function zip(entries: { name: string; data: Buffer | string }[], deflate = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const body = deflate ? deflateRawSync(data) : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A minimal real .docx: [Content_Types].xml, the package relationships and word/document.xml,
 * plus any `extra` parts.
 */
export function sampleDocx(deflate = true, extra: { name: string; data: Buffer | string }[] = []): Buffer {
  return zip(
    [
      {
        name: '[Content_Types].xml',
        data:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
          '</Types>',
      },
      {
        name: '_rels/.rels',
        data:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
          '</Relationships>',
      },
      {
        name: 'word/document.xml',
        data:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>',
      },
      ...extra,
    ],
    deflate,
  );
}

/** A small CSV. */
export function sampleCsv(text = 'date,note\n2024-01-02,first visit\n'): Buffer {
  return Buffer.from(text, 'utf8');
}

/** The start of a Windows executable. */
export function sampleExe(): Buffer {
  const exe = Buffer.alloc(256);
  exe.write('MZ', 0, 'latin1');
  exe.write('This program cannot be run in DOS mode.', 78, 'latin1');
  exe.writeUInt32LE(0x80, 60);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}

export const sampleHtml = (): Buffer => Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
export const sampleSvg = (): Buffer =>
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
export const sampleGif = (): Buffer =>
  Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x2c]), Buffer.alloc(16)]);
export const sampleText = (): Buffer => Buffer.from('just some notes\n');
