import type { ContentCheck } from './content-check';
import { createMarkupCheck, TEXT_MARKUP } from './check-polyglot';

const NOT_TEXT = 'a .csv must be UTF-8 text without NUL bytes';
const SCRIPT = 'a .csv must be data, not a script (it starts with #!)';
const MARKUP = 'a .csv must be data, not a web page (it holds HTML tags)';

/**
 * R6: a CSV is text — valid UTF-8 throughout, no NUL byte — that is data: not a script (`#!` at its
 * start, after any byte-order mark) and no markup document (HTML, SVG, PHP tags anywhere).
 */
export function createCsvCheck(): ContentCheck {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const markup = createMarkupCheck(TEXT_MARKUP, MARKUP);
  let start = '';
  let refusal: string | null = null;
  return {
    push(chunk) {
      if (refusal) return refusal;
      if (chunk.includes(0)) return (refusal = NOT_TEXT);
      try {
        const text = decoder.decode(chunk, { stream: true });
        if (start.length < 8) {
          start += text;
          if (/^\ufeff?#!/.test(start)) return (refusal = SCRIPT);
        }
      } catch {
        return (refusal = NOT_TEXT);
      }
      return (refusal = markup.push(chunk));
    },
    end() {
      if (refusal) return refusal;
      try {
        decoder.decode();
      } catch {
        return (refusal = NOT_TEXT);
      }
      return markup.end();
    },
  };
}
