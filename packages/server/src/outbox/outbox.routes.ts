import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';

/** GET /api/admin/outbox: email deliveries for admins. */
export async function registerOutboxRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
