import { createScanner, createTail, type ContentCheck } from './content-check';

/** The trailer (`startxref`, its offset, `%%EOF`) and any white space after it fit in 4 KiB. */
const TAIL_BYTES = 4096;
const NOT_A_PDF = 'a .pdf must have a PDF’s structure: numbered objects, a cross-reference table and %%EOF at its end';

/**
 * R6: a PDF is more than `%PDF-` at its start: it has numbered objects (`1 0 obj`), a
 * cross-reference table (`xref`) or stream (`/Type /XRef`), and ends with `startxref <offset>`
 * and `%%EOF` with nothing after it, the offset lying inside the file. `%PDF-1.4` in front of a Windows program has none
 * of these. Only flags and the last 4 KiB are kept while the file streams.
 */
export function createPdfCheck(): ContentCheck {
  let hasObject = false;
  let hasXref = false;
  const tail = createTail(TAIL_BYTES);
  const scan = createScanner(/(?:^|[\s>])(?:\d{1,10}\s+\d{1,5}\s+obj\b|xref\s|\/Type\s*\/XRef\b)/, 32, (_, match) => {
    if (match[0].includes('obj')) hasObject = true;
    else hasXref = true;
  });
  return {
    push(chunk) {
      scan(chunk);
      tail.push(chunk);
      return null;
    },
    end() {
      const end = tail.bytes().toString('latin1');
      // Nothing but white space may follow the final %%EOF: a program appended there would ride along.
      const trailer = /startxref\s+(\d{1,10})\s+%%EOF[\s\0]*$/.exec(end);
      if (!hasObject || !hasXref || !trailer) return NOT_A_PDF;
      return Number(trailer[1]) < tail.total() ? null : NOT_A_PDF;
    },
  };
}
