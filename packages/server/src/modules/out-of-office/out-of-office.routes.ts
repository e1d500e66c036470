import { IdParams, OutOfOfficeRequest, OutOfOfficeResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf, adminOf } from '../../http/actor';
import { clearOutOfOffice, getOutOfOffice, setOutOfOffice } from './set-out-of-office';

const tags = ['out of office'];

/** R40: a staff member's own out of office, and an admin's for any member of the staff. */
export async function registerOutOfOfficeRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/me/out-of-office', { schema: { tags, response: { 200: OutOfOfficeResponse } } }, async (request) => {
    const actor = actorOf(request);
    return { outOfOffice: await getOutOfOffice(ctx, actor, actor.userId) };
  });

  app.put(
    '/api/me/out-of-office',
    { schema: { tags, body: OutOfOfficeRequest, response: { 200: OutOfOfficeResponse } } },
    async (request) => {
      const actor = actorOf(request);
      return { outOfOffice: await setOutOfOffice(ctx, actor, actor.userId, request.body) };
    },
  );

  app.delete('/api/me/out-of-office', { schema: { tags } }, async (request, reply) => {
    const actor = actorOf(request);
    await clearOutOfOffice(ctx, actor, actor.userId);
    return reply.code(204).send();
  });

  app.get(
    '/api/admin/staff/:id/out-of-office',
    { schema: { tags, params: IdParams, response: { 200: OutOfOfficeResponse } } },
    async (request) => ({ outOfOffice: await getOutOfOffice(ctx, adminOf(request), request.params.id) }),
  );

  app.put(
    '/api/admin/staff/:id/out-of-office',
    { schema: { tags, params: IdParams, body: OutOfOfficeRequest, response: { 200: OutOfOfficeResponse } } },
    async (request) => ({
      outOfOffice: await setOutOfOffice(ctx, adminOf(request), request.params.id, request.body),
    }),
  );

  app.delete('/api/admin/staff/:id/out-of-office', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await clearOutOfOffice(ctx, adminOf(request), request.params.id);
    return reply.code(204).send();
  });
}
