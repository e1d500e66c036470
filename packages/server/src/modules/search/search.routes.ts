import { SearchQuery, SearchResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { searchThreads } from './search-threads';

const tags = ['search'];

/** R44: search the threads the caller takes part in. */
export async function registerSearchRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/search',
    { schema: { tags, querystring: SearchQuery, response: { 200: SearchResponse } } },
    async (request) => searchThreads(ctx, actorOf(request), request.query),
  );
}
