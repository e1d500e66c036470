import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

/** The admin routes. */
export async function registerAdminRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
