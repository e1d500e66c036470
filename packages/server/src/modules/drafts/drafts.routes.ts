import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

/** The drafts routes. */
export async function registerDraftRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
