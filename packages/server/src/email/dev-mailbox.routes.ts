import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';

/** GET /api/dev/mailbox, only while no SMTP_URL is set. */
export async function registerDevMailboxRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
