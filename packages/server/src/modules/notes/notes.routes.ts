import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

/** The notes routes. */
export async function registerNoteRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
