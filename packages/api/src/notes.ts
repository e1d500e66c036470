import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Id, Person } from './common';
import { TextBlock } from './text';

export const QuickNotePrefill = lazySchema(() => z.object({ content: z.string() }));
export const QuickNoteRequest = lazySchema(() =>
  z.object({
    content: TextBlock.trim().min(1, 'A note cannot be empty.').max(100_000),
  }),
);

export const ChartNote = lazySchema(() =>
  z.object({
    id: Id,
    clientId: Id,
    content: z.string(),
    author: Person,
    createdAt: z.string(),
    threadId: Id.nullable(),
  }),
);
export type ChartNote = z.infer<typeof ChartNote>;

export const NoteResponse = lazySchema(() => z.object({ note: ChartNote }));
/** A client's chart notes, with the client they are about (the page names them). */
export const NotesResponse = lazySchema(() => z.object({ client: Person, notes: z.array(ChartNote) }));
