import { AppError } from '../../errors';

/** A position in a folder: the last row's activity time and thread id (the index's order). */
export interface FolderCursor {
  at: string;
  id: string;
}

/** Encodes a position as an opaque string. */
export function encodeCursor(cursor: FolderCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** Decodes what encodeCursor made; anything else is a 400. */
export function decodeCursor(value: string): FolderCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((v) => typeof v === 'string')) {
      return { at: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('validation_failed', 'This page link is not valid; reload the list.');
}
