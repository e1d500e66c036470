import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/** The faces a transcript draws with: DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, Armenian, Georgian and more) and its mono. */
export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

const files: Record<Face, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

let loaded: Record<Face, fontkit.Font> | null = null;

/**
 * The TrueType files of the `dejavu-fonts-ttf` package (Bitstream Vera licence: free to embed
 * and redistribute), read and parsed once per process. pdfkit embeds only the glyphs a document uses.
 */
function faces(): Record<Face, fontkit.Font> {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const dir = require.resolve('dejavu-fonts-ttf/package.json').replace(/package\.json$/, 'ttf/');
    const load = (file: string) => fontkit.create(readFileSync(dir + file)) as fontkit.Font;
    loaded = {
      regular: load(files.regular),
      bold: load(files.bold),
      italic: load(files.italic),
      boldItalic: load(files.boldItalic),
      mono: load(files.mono),
    };
  }
  return loaded;
}

/**
 * Registers the faces on a document under their names (`doc.font('bold')`). pdfkit takes a
 * parsed fontkit font as well as bytes (its types name only bytes): given bytes, it would parse
 * all five files again for every document, which a ZIP of many transcripts (R50) pays in memory.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [face, font] of Object.entries(faces())) doc.registerFont(face, font as unknown as Uint8Array);
}

/** The face of a run of text. */
export function faceOf(run: { bold: boolean; italic: boolean }): Face {
  if (run.bold) return run.italic ? 'boldItalic' : 'bold';
  return run.italic ? 'italic' : 'regular';
}

/**
 * Text as a face can draw it: tabs become spaces, and a character the font has no glyph for
 * (Chinese, Japanese, emoji…) becomes "?" rather than an empty box. The transcript notes that
 * such characters were replaced; the FHIR bundle keeps the text exactly.
 */
export function printable(text: string, face: Face = 'regular'): string {
  const font = faces()[face];
  let out = '';
  for (const char of text.replace(/\t/g, '    ')) {
    const code = char.codePointAt(0) ?? 0;
    out += char === '\n' || font.hasGlyphForCodePoint(code) ? char : '?';
  }
  return out;
}

/** Whether `printable` would change anything but tabs. */
export function hasUnprintable(text: string, face: Face = 'regular'): boolean {
  return printable(text, face) !== text.replace(/\t/g, '    ');
}
