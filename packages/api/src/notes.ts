import { z } from 'zod';
import { Id, Person } from './common';
import { TextBlock } from './text';

export const QuickNotePrefill = z.object({ content: z.string() });
export const QuickNoteRequest = z.object({
  content: TextBlock.trim().min(1, 'A note cannot be empty.').max(100_000),
});

export const ChartNote = z.object({
  id: Id,
  clientId: Id,
  content: z.string(),
  author: Person,
  createdAt: z.string(),
  threadId: Id.nullable(),
});
export type ChartNote = z.infer<typeof ChartNote>;

export const NoteResponse = z.object({ note: ChartNote });
/** A client's chart notes, with the client they are about (the page names them). */
export const NotesResponse = z.object({ client: Person, notes: z.array(ChartNote) });
