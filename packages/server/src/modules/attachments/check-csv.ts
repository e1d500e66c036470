import { isUtf8 } from 'node:buffer';
import type { ContentCheck } from './content-check';
import { createMarkupCheck, TEXT_MARKUP } from './check-polyglot';

const NOT_TEXT = 'a .csv must be UTF-8 text without NUL bytes';
const SCRIPT = 'a .csv must be data, not a script (it starts with #!)';
const MARKUP = 'a .csv must be data, not a web page (it holds HTML tags)';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const SHEBANG = Buffer.from('#!', 'latin1');

/**
 * How many bytes at the end of `bytes` begin a UTF-8 sequence that the next chunk completes
 * (0 when the last sequence is whole, or cannot be whole: then validation refuses it anyway).
 */
function unfinishedTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

/**
 * R6: a CSV is text — valid UTF-8 throughout, no NUL byte — that is data: not a script (`#!` at its
 * start, after any byte-order mark) and no markup document (HTML, SVG, PHP tags anywhere).
 * Bytes are validated where they lie (no text is decoded): a sequence cut by a chunk boundary
 * is held back and checked with the next chunk.
 */
export function createCsvCheck(): ContentCheck {
  const markup = createMarkupCheck(TEXT_MARKUP, MARKUP);
  let start = Buffer.alloc(0);
  let held = Buffer.alloc(0);
  let refusal: string | null = null;
  return {
    push(chunk) {
      if (refusal) return refusal;
      if (chunk.includes(0)) return (refusal = NOT_TEXT);
      if (start.length < BOM.length + SHEBANG.length) {
        start = Buffer.concat([start, chunk.subarray(0, BOM.length + SHEBANG.length)]);
        const text = start.subarray(0, BOM.length).equals(BOM) ? start.subarray(BOM.length) : start;
        if (text.subarray(0, SHEBANG.length).equals(SHEBANG)) return (refusal = SCRIPT);
      }
      const bytes = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      const whole = bytes.length - unfinishedTail(bytes);
      if (!isUtf8(bytes.subarray(0, whole))) return (refusal = NOT_TEXT);
      held = Buffer.from(bytes.subarray(whole));
      return (refusal = markup.push(chunk));
    },
    end() {
      if (refusal) return refusal;
      if (held.length > 0) return (refusal = NOT_TEXT);
      return markup.end();
    },
  };
}
