import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';

/** GET /api/events, the live-event WebSocket. */
export async function registerRealtimeRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
