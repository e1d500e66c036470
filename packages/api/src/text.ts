import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/**
 * People's text, made inert before anything else sees it. Unicode control (Cc) and format (Cf)
 * characters are invisible: a subject of one NUL looks empty, a right-to-left override (U+202E)
 * turns `invoice‮fdp.exe` into what looks like a PDF, and a zero-width space pads a body past its
 * minimum length. Every user-text field of the API is built from `TextLine` or `TextBlock`, which
 * strip them as the request is parsed (a test walks every route's fields to keep it so).
 *
 * Kept: line feeds and tabs in multi-line text (a carriage return becomes a line feed), and the
 * zero-width (non-)joiners between letters or emoji, where they shape Persian, Indic scripts and
 * emoji sequences and cannot reorder or hide anything.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const LINE_BREAKS = /\r\n?|[\n\v\f\u0085\u2028\u2029]/g;
const JOINABLE = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;

function codePointBefore(text: string, offset: number): string {
  const low = text.charCodeAt(offset - 1);
  const isPair = low >= 0xdc00 && low <= 0xdfff && offset >= 2;
  return text.slice(isPair ? offset - 2 : offset - 1, offset);
}

function codePointAfter(text: string, offset: number): string {
  const point = text.codePointAt(offset + 1);
  return point === undefined ? '' : String.fromCodePoint(point);
}

function isJoiner(char: string, text: string, offset: number): boolean {
  return (
    (char === '\u200c' || char === '\u200d') &&
    JOINABLE.test(codePointBefore(text, offset)) &&
    JOINABLE.test(codePointAfter(text, offset))
  );
}

/**
 * `text` without control and format characters. Single-line text turns line breaks and tabs into
 * spaces; multi-line text keeps line feeds and tabs.
 */
export function cleanText(text: string, isMultiline = false): string {
  const lines = text.replace(LINE_BREAKS, isMultiline ? '\n' : ' ');
  const spaced = isMultiline ? lines : lines.replace(/\t/g, ' ');
  return spaced.replace(INVISIBLE, (char: string, offset: number, whole: string) =>
    char === '\n' || char === '\t' || isJoiner(char, whole, offset) ? char : '',
  );
}

/** Whether `text` still holds a control or format character that `cleanText` would remove. */
export function hasInvisible(text: string, isMultiline = false): boolean {
  return cleanText(text, isMultiline) !== text;
}

/** The JSON-schema marker of a user-text field (the route walker checks every string for it). */
export const USER_TEXT_KEY = 'x-user-text';

/**
 * A single line of people's text — a subject, a name, a search, a setting: cleaned, trimmed.
 * Chain `.min()`/`.max()` as usual; the cleaning and the marker carry over.
 */
export const TextLine = lazySchema(() =>
  z
    .string()
    .overwrite((text) => cleanText(text))
    .trim()
    .meta({ [USER_TEXT_KEY]: 'line' }),
);

/** Multi-line text — a message body (before sanitizing), a chart note: cleaned, lines kept. */
export const TextBlock = lazySchema(() =>
  z
    .string()
    .overwrite((text) => cleanText(text, true))
    .meta({ [USER_TEXT_KEY]: 'block' }),
);
