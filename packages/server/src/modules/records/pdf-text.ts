/** Characters outside Latin-1 that the Windows-1252 encoding of PDF's standard fonts still has. */
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text as the standard PDF fonts can draw it (their WinAnsi encoding): tabs become spaces, and a
 * character the encoding lacks becomes U+FFFD's stand-in "?" rather than a wrong glyph. The
 * transcript notes that such characters were replaced; the FHIR bundle keeps the text exactly.
 */
export function printable(text: string): string {
  let out = '';
  for (const char of text.replace(/\t/g, '    ')) {
    const code = char.codePointAt(0) ?? 0;
    out +=
      char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(char)
        ? char
        : '?';
  }
  return out;
}

/** Whether `printable` would change anything but tabs. */
export function hasUnprintable(text: string): boolean {
  return printable(text) !== text.replace(/\t/g, '    ');
}

/** A time as the practice reads it: "Dec 2, 2026, 3:04 PM EST" in its time zone. */
export function practiceTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** A size people read: "1.2 MB", "340 KB", "12 bytes". */
export function readableSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
