import {
  CareTeamRequest,
  CareTeamResponse,
  ClientResponse,
  ClientsResponse,
  CreateClientRequest,
  Id,
  PatchClientRequest,
} from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { adminOf } from '../../http/actor';
import { addClient } from './add-client';
import { byName, presentClientRecord } from './admin.presenter';
import { listUsers, loadCareTeams } from './admin.repo';
import { inviteClient } from './invite-client';
import { setCareTeam } from './set-care-team';
import { updateClient } from './update-client';

const tags = ['admin'];
const params = z.object({ id: Id });

/** R35: the practice's clients — list, add, status and details, portal invitation, care team. */
export function registerClientAdminRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/admin/clients', { schema: { tags, response: { 200: ClientsResponse } } }, async (request) => {
    const actor = adminOf(request);
    const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
    const rows = await listUsers(ctx.db, actor.practiceId, 'client');
    const teams = await loadCareTeams(
      ctx.db,
      cipher,
      rows.map((r) => r.id),
    );
    return { clients: rows.map((row) => presentClientRecord(cipher, row, teams.get(row.id) ?? [])).sort(byName) };
  });

  app.post(
    '/api/admin/clients',
    { schema: { tags, body: CreateClientRequest, response: { 201: ClientResponse } } },
    async (request, reply) => {
      const client = await addClient(ctx, adminOf(request), request.body);
      return reply.status(201).send({ client });
    },
  );

  app.patch(
    '/api/admin/clients/:id',
    { schema: { tags, params, body: PatchClientRequest, response: { 200: ClientResponse } } },
    async (request) => ({ client: await updateClient(ctx, adminOf(request), request.params.id, request.body) }),
  );

  app.post('/api/admin/clients/:id/invite', { schema: { tags, params } }, async (request, reply) => {
    await inviteClient(ctx, adminOf(request), request.params.id);
    return reply.status(202).send();
  });

  app.put(
    '/api/admin/clients/:id/care-team',
    { schema: { tags, params, body: CareTeamRequest, response: { 200: CareTeamResponse } } },
    async (request) => ({ careTeam: await setCareTeam(ctx, adminOf(request), request.params.id, request.body) }),
  );
}
