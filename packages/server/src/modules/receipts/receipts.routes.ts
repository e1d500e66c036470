import { IdParams, ReceiptsResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { listReceipts } from './list-receipts';

/** R47: read receipts of the caller's own messages in a thread. */
export async function registerReceiptRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/threads/:id/receipts',
    { schema: { tags: ['threads'], params: IdParams, response: { 200: ReceiptsResponse } } },
    async (request) => listReceipts(ctx, actorOf(request), request.params.id),
  );
}
