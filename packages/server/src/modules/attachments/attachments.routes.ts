import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

/** The attachments routes. */
export async function registerAttachmentRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
