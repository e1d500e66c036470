import { cleanText } from '@confide/api';

/** The longest file name kept, in characters. */
const MAX_NAME = 255;

/**
 * A file name as the uploader's device gave it, made safe to store and show: no folder parts,
 * no control or format characters (a right-to-left override can disguise an extension), trimmed,
 * at most 255 characters with the extension kept. Empty when nothing usable is left.
 */
export function sanitizeFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  // A name is one line: its control characters go entirely (not as spaces), then the format ones.
  const clean = cleanText(base.replace(/\p{Cc}/gu, ''))
    .trim()
    .replace(/^\.+/, '');
  const chars = [...clean];
  if (chars.length <= MAX_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? [...clean.slice(dot)] : [];
  if (ext.length > 16) return chars.slice(0, MAX_NAME).join('');
  return chars.slice(0, MAX_NAME - ext.length).join('') + ext.join('');
}

/**
 * The Content-Disposition of a download: an ASCII fallback name for old clients and the exact
 * name as RFC 5987 `filename*`, so no quote, semicolon or line break can break the header.
 */
export function contentDisposition(name: string, isInline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;%]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${isInline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
