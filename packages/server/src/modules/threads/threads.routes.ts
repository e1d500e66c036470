import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

/** The threads routes. */
export async function registerThreadRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
