import { AlertClearedResponse, IdParams } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { clearAlert } from './clear-alert';

const tags = ['safety'];

/** The safety net's calls: acknowledging a possible crisis (R42), marking an overdue thread handled (R41). */
export async function registerSafetyRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/threads/:id/crisis/acknowledge',
    { schema: { tags, params: IdParams, response: { 200: AlertClearedResponse } } },
    async (request) => clearAlert(ctx, actorOf(request), request.params.id, 'crisis'),
  );

  app.post(
    '/api/threads/:id/overdue/no-reply-needed',
    { schema: { tags, params: IdParams, response: { 200: AlertClearedResponse } } },
    async (request) => clearAlert(ctx, actorOf(request), request.params.id, 'overdue'),
  );
}
