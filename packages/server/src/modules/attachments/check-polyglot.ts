import { createScanner, createTail, type ContentCheck } from './content-check';

/** Tags that make a web page (or an active part of one) out of text a browser is shown. */
export const TEXT_MARKUP =
  /<(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|applet|svg|math|style|link|meta|base|form|template|img|video|audio|\?xml-stylesheet|\?php)[\s/>]/i;

/**
 * The same, for binary files (PDF, JPEG, PNG), where compressed bytes look random: only tags of
 * five letters or more, so a 10 MiB photo matches one by chance less than once in 10⁵ files.
 */
export const BINARY_MARKUP = /<(?:!doctype\s+html|html|body|script|iframe|object|embed|\?xml-stylesheet)[\s/>]/i;

/**
 * R6: refuses a file whose bytes also hold a web page: a PDF/HTML or JPEG/HTML polyglot, HTML as
 * .csv. Every match of `markup` starts with `<`, so stretches without one are not searched.
 */
export function createMarkupCheck(markup: RegExp, rule: string): ContentCheck {
  let hasMarkup = false;
  const scan = createScanner(markup, 24, () => (hasMarkup = true), 0x3c);
  return {
    push(chunk) {
      if (!hasMarkup) scan(chunk);
      return hasMarkup ? rule : null;
    },
    end: () => (hasMarkup ? rule : null),
  };
}

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** A ZIP reader looks for its directory's end record in the last 64 KiB (+22 bytes) of a file. */
export const ZIP_TAIL_BYTES = 0xffff + 22;

/**
 * Where a ZIP archive's end-of-central-directory record starts in `tail` (the file's last bytes),
 * or -1: the record whose comment runs exactly to the end of the file, as ZIP readers find it.
 */
export function findZipEnd(tail: Buffer): number {
  for (let at = tail.lastIndexOf(EOCD); at >= 0; at = at > 0 ? tail.lastIndexOf(EOCD, at - 1) : -1) {
    if (at + 22 <= tail.length && at + 22 + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  return -1;
}

/** R6: refuses a PDF or image that is also a ZIP archive (a JPEG/ZIP polyglot opens as both). */
export function createNotArchiveCheck(rule: string): ContentCheck {
  const tail = createTail(ZIP_TAIL_BYTES);
  return {
    push(chunk) {
      tail.push(chunk);
      return null;
    },
    end: () => (findZipEnd(tail.bytes()) >= 0 ? rule : null),
  };
}

const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** R6: an image ends where its format says (PNG's IEND chunk, JPEG's end-of-image marker): nothing rides behind it. */
export function createImageEndCheck(kind: 'png' | 'jpeg', rule: string): ContentCheck {
  const tail = createTail(64);
  return {
    push(chunk) {
      tail.push(chunk);
      return null;
    },
    end() {
      const end = tail.bytes();
      if (kind === 'png') return end.subarray(-PNG_END.length).equals(PNG_END) ? null : rule;
      let last = end.length;
      while (last > 0 && end[last - 1] === 0) last -= 1;
      return end[last - 2] === 0xff && end[last - 1] === 0xd9 ? null : rule;
    },
  };
}
