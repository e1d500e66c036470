import { IdParams, NoteResponse, NotesResponse, QuickNotePrefill, QuickNoteRequest } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { listChartNotes } from './list-notes';
import { quickNoteTranscript, saveQuickNote } from './quick-note';

const tags = ['notes'];

/** Quick notes from threads and the chart notes of a client (R15, R16). */
export async function registerNoteRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/threads/:id/quick-note',
    { schema: { tags, params: IdParams, response: { 200: QuickNotePrefill } } },
    async (request) => ({ content: await quickNoteTranscript(ctx, actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/threads/:id/quick-note',
    { schema: { tags, params: IdParams, body: QuickNoteRequest, response: { 201: NoteResponse } } },
    async (request, reply) => {
      const note = await saveQuickNote(ctx, actorOf(request), request.params.id, request.body.content);
      return reply.code(201).send({ note });
    },
  );

  app.get(
    '/api/clients/:id/notes',
    { schema: { tags, params: IdParams, response: { 200: NotesResponse } } },
    async (request) => listChartNotes(ctx, actorOf(request), request.params.id),
  );
}
