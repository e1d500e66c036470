import { IdParams, SavedRepliesResponse, SavedReplyRequest, SavedReplyResponse, SavedReplyUpdate } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { createSavedReply, deleteSavedReply, listSavedReplies, updateSavedReply } from './save-saved-reply';

const tags = ['saved replies'];

/** R45: staff members' saved replies and the practice's. */
export async function registerSavedReplyRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/saved-replies', { schema: { tags, response: { 200: SavedRepliesResponse } } }, async (request) => ({
    savedReplies: await listSavedReplies(ctx, actorOf(request)),
  }));

  app.post(
    '/api/saved-replies',
    { schema: { tags, body: SavedReplyRequest, response: { 201: SavedReplyResponse } } },
    async (request, reply) =>
      reply.code(201).send({ savedReply: await createSavedReply(ctx, actorOf(request), request.body) }),
  );

  app.put(
    '/api/saved-replies/:id',
    { schema: { tags, params: IdParams, body: SavedReplyUpdate, response: { 200: SavedReplyResponse } } },
    async (request) => ({
      savedReply: await updateSavedReply(ctx, actorOf(request), request.params.id, request.body),
    }),
  );

  app.delete('/api/saved-replies/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await deleteSavedReply(ctx, actorOf(request), request.params.id);
    return reply.code(204).send();
  });
}
