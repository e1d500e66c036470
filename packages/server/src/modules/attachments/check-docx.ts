import { MAX_ATTACHMENT_BYTES } from '@confide/api';
import { createScanner, createTail, type ContentCheck } from './content-check';
import { findZipEnd } from './check-polyglot';

const CORRUPT = 'a .docx must be a complete, readable Word document';
const MACROS = 'a Word document with macros or ActiveX controls can’t be attached';
const PROGRAMS = 'a Word document can’t carry programs or other archives inside it';
const BOMB = 'a .docx may unpack to at most 100 MB, at most 200 times its packed size';
/** A central directory larger than this (thousands of parts) is not a document a practice sends. */
const DIRECTORY_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;
const MAX_UNPACKED = 100 * 1024 * 1024;
const MAX_RATIO = 200;
const MACRO_PART = /(^|\/)(vbaProject\.bin|vbaData\.xml)$|(^|\/)activeX\//i;
const PROGRAM_PART = /\.(exe|dll|com|scr|msi|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|jar|sh|zip|7z|rar|gz|tar|cab|iso)$/i;

interface Entry {
  name: string;
  flags: number;
  method: number;
  packed: number;
  unpacked: number;
  offset: number;
}

/** The central directory's entries, or null when the bytes are not a well-formed directory. */
function readDirectory(directory: Buffer, count: number): Entry[] | null {
  const entries: Entry[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = directory.readUInt16LE(at + 28);
    const extra = directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extra > directory.length) return null;
    entries.push({
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      packed: directory.readUInt32LE(at + 20),
      unpacked: directory.readUInt32LE(at + 24),
      offset: directory.readUInt32LE(at + 42),
      name: directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
    });
    at += 46 + nameLength + extra;
  }
  return at === directory.length ? entries : null;
}

/** Why a well-formed list of parts is still refused, or null. */
function judgeEntries(entries: Entry[], localHeaders: Set<number>, directoryStart: number): string | null {
  const names = new Set<string>();
  let unpacked = 0;
  for (const entry of entries) {
    const isUnsafeName =
      entry.name.startsWith('/') || entry.name.includes('\\') || entry.name.split('/').includes('..');
    if (isUnsafeName || names.has(entry.name) || entry.flags & 1) return CORRUPT;
    if (!localHeaders.has(entry.offset) || entry.offset + entry.packed > directoryStart) return CORRUPT;
    if (entry.method !== 0 && entry.method !== 8) return CORRUPT;
    if (entry.packed === 0xffffffff || entry.unpacked === 0xffffffff) return BOMB;
    names.add(entry.name);
    if (MACRO_PART.test(entry.name)) return MACROS;
    if (PROGRAM_PART.test(entry.name)) return PROGRAMS;
    unpacked += entry.unpacked;
    if (unpacked > MAX_UNPACKED || entry.unpacked > Math.max(entry.packed, 1024) * MAX_RATIO) return BOMB;
  }
  return names.has('[Content_Types].xml') && names.has('word/document.xml') ? null : CORRUPT;
}

/**
 * R6: a .docx is a whole, sound OOXML package: its ZIP directory sits at the end and lists
 * `[Content_Types].xml` and `word/document.xml`, every part starts at a local header seen in the
 * stream, names are plain relative paths, nothing is encrypted; no macros (`vbaProject.bin`) or
 * ActiveX, no programs or archives inside; and the sizes it declares unpack to at most 100 MB and
 * 200:1 — a zip bomb is refused from its directory, without inflating a byte. Memory: the last
 * 1 MiB (the directory) and the offsets of local headers.
 */
export function createDocxCheck(): ContentCheck {
  const tail = createTail(DIRECTORY_BYTES + 0xffff + 22);
  const localHeaders = new Set<number>();
  let isTooMany = false;
  // eslint-disable-next-line no-control-regex -- a local file header's signature is binary
  const scan = createScanner(/PK\x03\x04/, 4, (offset) => {
    if (localHeaders.size < MAX_ENTRIES) localHeaders.add(offset);
    else isTooMany = true;
  });
  return {
    push(chunk) {
      scan(chunk);
      tail.push(chunk);
      return isTooMany ? BOMB : null;
    },
    end() {
      const end = tail.bytes();
      const eocd = findZipEnd(end);
      if (eocd < 0) return CORRUPT;
      const total = tail.total();
      const count = end.readUInt16LE(eocd + 10);
      const size = end.readUInt32LE(eocd + 12);
      const start = end.readUInt32LE(eocd + 16);
      const tailStart = total - end.length;
      if (count === 0xffff || start === 0xffffffff || total > MAX_ATTACHMENT_BYTES) return BOMB;
      if (start < tailStart || start + size !== tailStart + eocd || end.readUInt16LE(eocd + 8) !== count)
        return CORRUPT;
      const entries = readDirectory(end.subarray(start - tailStart, eocd), count);
      return entries ? judgeEntries(entries, localHeaders, start) : CORRUPT;
    },
  };
}
