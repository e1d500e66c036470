/** The longest file name kept, in characters. */
const MAX_NAME = 255;

/**
 * A file name as the uploader's device gave it, made safe to store and show: no folder parts,
 * no control or bidirectional-override characters (which can disguise an extension), trimmed,
 * at most 255 characters with the extension kept. Empty when nothing usable is left.
 */
export function sanitizeFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
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
