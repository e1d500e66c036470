import { cleanText } from '@confide/api';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../errors';

/** R5: at most this many visible characters. */
export const MAX_BODY_CHARS = 50_000;

const allowList: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'ul', 'ol', 'li', 'a', 'blockquote'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A link always opens apart from the portal and never tells the other site where it came from.
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'noopener noreferrer', target: '_blank' },
    }),
  },
};

/**
 * Rich text reduced to the R5 allow-list: bold, italic, underline, strike, lists, links, quotes.
 * The parser decodes character references (`&#8238;` becomes a real U+202E), so control and format
 * characters are removed again from its output.
 */
export function sanitizeBody(html: string): string {
  return cleanText(sanitizeHtml(cleanText(html, true), allowList), true);
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const REFERENCE = /&(?:(amp|lt|gt|quot|apos|nbsp)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi;

function fromCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
}

/**
 * Character references decoded in one pass, so decoded text is never decoded again: a body that
 * shows the text `&#60;img&#62;` stays that text, it does not become the markup `<img>`.
 */
export function decodeEntities(text: string): string {
  return text.replace(REFERENCE, (_, name?: string, decimal?: string, hex?: string) => {
    if (name) return entities[name.toLowerCase()] ?? '';
    return fromCodePoint(decimal ? Number(decimal) : parseInt(hex ?? '', 16));
  });
}

/** The text of a body without markup, lines kept where paragraphs, breaks and list items were. */
export function bodyToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|blockquote)>/gi, '\n')
    .replace(/<li>/gi, '• ');
  const text = cleanText(decodeEntities(sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })), true);
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/** The number of visible characters: text without markup, white space not counted (R5). */
export function visibleLength(html: string): number {
  return [...bodyToText(html).replace(/\s+/g, '')].length;
}

/** Sanitizes a body and checks its length against the practice's minimum (R5); throws AppError. */
export function checkedBody(html: string, minLength: number): string {
  const clean = sanitizeBody(html);
  const length = visibleLength(clean);
  if (length < minLength) {
    throw new AppError(
      'body_too_short',
      `Write at least ${minLength} characters (spaces and formatting do not count).`,
    );
  }
  if (length > MAX_BODY_CHARS) {
    throw new AppError(
      'body_too_long',
      `A message can have at most ${MAX_BODY_CHARS.toLocaleString('en-US')} characters.`,
    );
  }
  return clean;
}

/** Trims a subject and checks it is 1–200 characters (R4); throws AppError. */
export function checkedSubject(subject: string | undefined): string {
  const trimmed = cleanText(subject ?? '').trim();
  if (trimmed.length < 1 || [...trimmed].length > 200) {
    throw new AppError('subject_required', 'A subject of 1 to 200 characters is required.');
  }
  return trimmed;
}
