import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

/** Bulk actions and permanent deletion (R13, R17–R19). */
export async function registerThreadDeletionRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
