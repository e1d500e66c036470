import type { ContentCheck } from './content-check';

const NOT_WORD = 'a .doc must be a Word document (a Compound File with a WordDocument stream)';
const MACROS = 'a Word document with macros can’t be attached';
const END_OF_CHAIN = 0xfffffffe;
const HEADER_FAT_SLOTS = 109;
/** Word's File Information Block starts with this identifier. */
const WORD_IDENT = 0xa5ec;
const MINI_STREAM_CUTOFF = 4096;

interface DirectoryFacts {
  hasRoot: boolean;
  /** The WordDocument stream's first sector and size, if this sector's entries name it. */
  word: { start: number; size: number } | null;
  hasMacros: boolean;
}

function entryName(entry: Buffer): string {
  const length = entry.readUInt16LE(64);
  if (length < 2 || length > 64) return '';
  return entry.subarray(0, length - 2).toString('utf16le');
}

/** What a sector would say if it were a directory sector (128-byte entries). */
function directoryFacts(sector: Buffer): DirectoryFacts {
  const facts: DirectoryFacts = { hasRoot: false, word: null, hasMacros: false };
  for (let at = 0; at + 128 <= sector.length; at += 128) {
    const entry = sector.subarray(at, at + 128);
    const type = entry[66];
    const name = entryName(entry);
    if (at === 0 && type === 5 && name === 'Root Entry') facts.hasRoot = true;
    if (type === 2 && name === 'WordDocument') {
      facts.word = { start: entry.readUInt32LE(116), size: entry.readUInt32LE(120) };
    }
    if ((type === 1 || type === 2) && /^(macros|_vba_project_cur|vba)$/i.test(name)) facts.hasMacros = true;
  }
  return facts;
}

/**
 * R6: a .doc is a Compound File (the container of Word 97–2003, but also of Excel, PowerPoint and
 * MSI installers) whose directory holds a `WordDocument` stream that starts with Word's identifier,
 * and no macro storage. The file streams past once: the check keeps the FAT sectors the header
 * lists (the map from each sector to the next, at most 109 × 512 bytes), a few facts per sector
 * that could be a directory, and each sector's first two bytes — never the file.
 */
export function createDocCheck(): ContentCheck {
  let header: Buffer | null = null;
  let sectorSize = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let position = 0;
  let sector = -1;
  const fatSectorOf = new Map<number, number>();
  const fat = new Map<number, Buffer>();
  const facts = new Map<number, DirectoryFacts>();
  const firstWords: number[] = [];

  const take = (bytes: Buffer) => {
    if (sector < 0) {
      header = Buffer.from(bytes.subarray(0, 512));
      for (let slot = 0; slot < HEADER_FAT_SLOTS; slot += 1) {
        const at = header.readUInt32LE(76 + slot * 4);
        if (at < END_OF_CHAIN - 2) fatSectorOf.set(at, slot);
      }
    } else {
      firstWords[sector] = bytes.readUInt16LE(0);
      if (fatSectorOf.has(sector)) fat.set(fatSectorOf.get(sector) as number, Buffer.from(bytes));
      const found = directoryFacts(bytes);
      if (found.hasRoot || found.word || found.hasMacros) facts.set(sector, found);
    }
    sector += 1;
  };

  return {
    push(chunk) {
      if (!header && sectorSize === 0 && position + chunk.length >= 32) {
        const start = Buffer.concat([...pending, chunk]);
        const shift = start.readUInt16LE(30);
        if (shift !== 9 && shift !== 12) return NOT_WORD;
        sectorSize = 1 << shift;
      }
      position += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (sectorSize === 0 || pendingBytes < sectorSize) return null;
      const all = Buffer.concat(pending);
      let at = 0;
      for (; at + sectorSize <= all.length; at += sectorSize) take(all.subarray(at, at + sectorSize));
      pending = at < all.length ? [all.subarray(at)] : [];
      pendingBytes = all.length - at;
      return null;
    },
    end() {
      if (!header) return NOT_WORD;
      const perFat = sectorSize / 4;
      const next = (n: number): number | null => {
        const table = fat.get(Math.floor(n / perFat));
        return table ? table.readUInt32LE((n % perFat) * 4) : null;
      };
      const first = header.readUInt32LE(48);
      if (!facts.get(first)?.hasRoot) return NOT_WORD;
      // Walk the directory's chain of sectors through the FAT; if a FAT sector lies beyond the 109
      // the header lists (files over ~7 MB with 512-byte sectors), fall back to every directory-like sector.
      const chain: number[] = [];
      for (let n: number | null = first; n !== null && n < END_OF_CHAIN - 3; n = next(n)) {
        if (chain.includes(n) || chain.length > 4096) return NOT_WORD;
        chain.push(n);
      }
      const directory = [...facts.entries()]
        .filter(([n]) => chain.includes(n) || next(chain[chain.length - 1] ?? first) === null)
        .map(([, f]) => f);
      if (directory.some((f) => f.hasMacros)) return MACROS;
      const word = directory.find((f) => f.word)?.word;
      if (!word) return NOT_WORD;
      if (word.size >= MINI_STREAM_CUTOFF && firstWords[word.start] !== WORD_IDENT) return NOT_WORD;
      return null;
    },
  };
}
