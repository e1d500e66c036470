import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Cursor, Id } from './common';
import { TextLine } from './text';

/** `GET /api/search` (R44): words to find, and the `nextCursor` of the page before. */
export const SearchQuery = lazySchema(() =>
  z.object({
    q: TextLine.min(1, 'Type something to search for.').max(200),
    cursor: Cursor,
  }),
);
export type SearchQuery = z.infer<typeof SearchQuery>;

/**
 * One hit: a message of a thread the caller takes part in (or the thread itself when every word
 * is in its subject or the names of people the caller may see), with a short excerpt around the
 * match. `at` is the time of the message (of the thread's last message for a thread hit).
 */
export const SearchResult = lazySchema(() =>
  z.object({
    threadId: Id,
    subject: z.string(),
    excerpt: z.string(),
    at: z.string(),
  }),
);
export type SearchResult = z.infer<typeof SearchResult>;

export const SearchResponse = lazySchema(() =>
  z.object({ results: z.array(SearchResult), nextCursor: z.string().nullable() }),
);
export type SearchResponse = z.infer<typeof SearchResponse>;
