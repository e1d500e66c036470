import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { AppError } from '../errors';

/**
 * Probes for a load balancer (R54), public and free of any practice or person:
 * `GET /healthz` answers 200 while the process runs; `GET /readyz` answers 200 only when the
 * database answers (within the statement timeout), else 503 `unavailable` with Retry-After, and
 * 503 as soon as a shutdown begins, so traffic moves elsewhere before this node stops.
 */
export async function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const probe = { config: { public: true }, schema: { hide: true } };
  app.get('/healthz', probe, async () => ({ status: 'alive' }));
  app.get('/readyz', probe, async () => {
    try {
      await ctx.db.selectNoFrom(sql<number>`1`.as('ok')).execute();
    } catch {
      throw new AppError('unavailable', 'The database is not answering.');
    }
    return { status: 'ready' };
  });
}
