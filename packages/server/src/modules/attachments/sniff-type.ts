import { allowedAttachmentTypes, type AllowedExtension } from '@confide/api';
import { fileTypeFromBuffer } from 'file-type';
import { createCsvCheck } from './check-csv';
import { createDocCheck } from './check-doc';
import { createDocxCheck } from './check-docx';
import { createPdfCheck } from './check-pdf';
import { BINARY_MARKUP, createImageEndCheck, createMarkupCheck, createNotArchiveCheck } from './check-polyglot';
import { allChecks, type ContentCheck } from './content-check';

/** How much of the start of a file decides its type (an OOXML zip names its parts early). */
export const SNIFF_BYTES = 64 * 1024;

/** R6: the sentence every refusal ends with. */
export const ALLOWED_TYPES_RULE =
  'Only PDF, JPEG, PNG, Word (.doc, .docx) and CSV files of at most 10 MB can be attached, and a file’s content must match its extension.';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
// Markup that would become active content if anything ever rendered it; never a CSV.
const MARKUP = /^\s*<(!doctype|html|svg|\?xml|script|head|body|iframe)\b/i;

function startsWith(head: Uint8Array, magic: number[]): boolean {
  return head.length >= magic.length && magic.every((byte, i) => head[i] === byte);
}

/** The allowed extension of a (sanitized) file name, or null when its extension is not allowed. */
export function allowedExtensionOf(name: string): AllowedExtension | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(allowedAttachmentTypes, ext) ? (ext as AllowedExtension) : null;
}

/**
 * Whether the first bytes of a file (up to SNIFF_BYTES, or the whole file if shorter) are the
 * kind its extension claims. The whole file is then checked as it streams (see contentCheckFor).
 */
export async function headMatchesExtension(head: Uint8Array, ext: AllowedExtension): Promise<boolean> {
  switch (ext) {
    case 'pdf':
      return startsWith(head, PDF);
    case 'png':
      return startsWith(head, PNG);
    case 'jpg':
    case 'jpeg':
      return startsWith(head, JPEG);
    case 'doc':
      // Compound File Binary with a valid byte-order mark and major version 3 or 4.
      return startsWith(head, CFB) && head[28] === 0xfe && head[29] === 0xff && (head[26] === 3 || head[26] === 4);
    case 'docx': {
      if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return false;
      const detected = await fileTypeFromBuffer(head);
      return detected?.ext === 'docx';
    }
    case 'csv': {
      const text = startsWith(head, UTF8_BOM) ? head.subarray(3) : head;
      if ((await fileTypeFromBuffer(head)) !== undefined) return false;
      return !MARKUP.test(Buffer.from(text.subarray(0, 512)).toString('latin1'));
    }
  }
}

const WEB_PAGE = 'a file must be one kind of file, and this one also holds a web page';
const ARCHIVE = 'a file must be one kind of file, and this one is also a ZIP archive';

/** R6: the whole-file check for an extension, run on every byte as the upload streams. */
export function contentCheckFor(ext: AllowedExtension): ContentCheck {
  switch (ext) {
    case 'pdf':
      return allChecks(createMarkupCheck(BINARY_MARKUP, WEB_PAGE), createNotArchiveCheck(ARCHIVE), createPdfCheck());
    case 'png':
    case 'jpg':
    case 'jpeg':
      return allChecks(
        createMarkupCheck(BINARY_MARKUP, WEB_PAGE),
        createNotArchiveCheck(ARCHIVE),
        createImageEndCheck(ext === 'png' ? 'png' : 'jpeg', `a .${ext} must end where its image ends`),
      );
    case 'doc':
      return createDocCheck();
    case 'docx':
      return createDocxCheck();
    case 'csv':
      return createCsvCheck();
  }
}
