import { AccessQuery, AccessResponse, IdParams } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { clientAccessReport, ownAccessReport } from './list-access';

const tags = ['access'];

/** R38: who opened a client's threads — for their providers and admins, and for the client themself. */
export async function registerAccessRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/clients/:id/access',
    { schema: { tags, params: IdParams, querystring: AccessQuery, response: { 200: AccessResponse } } },
    async (request) => clientAccessReport(ctx, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/me/access',
    { schema: { tags, querystring: AccessQuery, response: { 200: AccessResponse } } },
    async (request) => ownAccessReport(ctx, actorOf(request), request.query),
  );
}
