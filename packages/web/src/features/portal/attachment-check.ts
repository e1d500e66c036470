import { allowedAttachmentTypes, MAX_ATTACHMENT_BYTES } from '@confide/api';

/** The allowed types in words, for hints and errors. */
export const ALLOWED_TYPES_TEXT = 'PDF, JPG, PNG, Word (.doc, .docx) or CSV';

/** The accept attribute of the file picker. */
export const ACCEPT_ATTRIBUTE = Object.keys(allowedAttachmentTypes)
  .map((ext) => `.${ext}`)
  .join(',');

/** A plain-language reason why a file cannot be sent, or null when it may be uploaded (R6). */
export function fileProblem(file: { name: string; size: number }): string | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!(ext in allowedAttachmentTypes)) {
    return `“${file.name}” can’t be sent: only ${ALLOWED_TYPES_TEXT} files are allowed.`;
  }
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return `“${file.name}” is too large (${sizeBeyondLimit(file.size)}). Files can be at most 10 MB (${bytes(MAX_ATTACHMENT_BYTES)}).`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  return null;
}

/** The server's refusal of a file, in words that name the file and the rule. */
export function serverFileProblem(name: string, code: string | undefined, message: string | undefined): string {
  if (code === 'attachment_type_not_allowed') {
    return `“${name}” was refused: its content is not a ${ALLOWED_TYPES_TEXT} file.`;
  }
  if (code === 'attachment_too_large') return `“${name}” was refused: files can be at most 10 MB.`;
  return `“${name}” could not be uploaded${message ? `: ${message}` : '.'} Please try again.`;
}

/** A file size in words: 512 KB, 2.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const MIB = 1024 * 1024;
const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

/**
 * The size of a file over the 10 MB limit with enough digits to differ from it: 10,485,869 bytes
 * is "10.0001 MB", never "10.0 MB" next to "at most 10 MB" (issue 17); the exact bytes follow.
 */
export function sizeBeyondLimit(size: number, limit = MAX_ATTACHMENT_BYTES): string {
  let digits = 1;
  while (digits < 6 && (size / MIB).toFixed(digits) === (limit / MIB).toFixed(digits)) digits += 1;
  return `${(size / MIB).toFixed(digits)} MB, ${bytes(size)}`;
}
