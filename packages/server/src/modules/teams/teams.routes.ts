import { AssignRequest, IdParams, TeamParams, TeamThreadsQuery, ThreadResponse, ThreadsResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { assignThread } from './assign-thread';
import { listTeamThreads } from './list-team-threads';

const tags = ['teams'];

/** The team inbox (R46): a team's view, and assigning, taking or releasing its threads. */
export async function registerTeamRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/teams/:team/threads',
    { schema: { tags, params: TeamParams, querystring: TeamThreadsQuery, response: { 200: ThreadsResponse } } },
    async (request) => listTeamThreads(ctx, actorOf(request), request.params.team, request.query),
  );

  app.post(
    '/api/threads/:id/assign',
    { schema: { tags, params: IdParams, body: AssignRequest, response: { 200: ThreadResponse } } },
    async (request) => ({
      thread: await assignThread(
        ctx,
        actorOf(request),
        request.params.id,
        request.body.userId,
        request.body.previousUserId,
      ),
    }),
  );
}
