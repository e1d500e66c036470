import { BulkRequest, BulkResponse, IdParams } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { bulkThreads } from './bulk-threads';
import { deleteMessage } from './delete-message';
import { deleteThread } from './delete-thread';

const tags = ['threads'];

/** Bulk actions and permanent deletion (R13, R17–R19). */
export async function registerThreadDeletionRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/threads/bulk',
    { schema: { tags, body: BulkRequest, response: { 200: BulkResponse } } },
    async (request) => ({ results: await bulkThreads(ctx, actorOf(request), request.body) }),
  );

  app.delete('/api/threads/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await deleteThread(ctx, actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.delete('/api/messages/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await deleteMessage(ctx, actorOf(request), request.params.id);
    return reply.code(204).send();
  });
}
