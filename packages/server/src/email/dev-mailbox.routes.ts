import { DevMailboxQuery, DevMailboxResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { readMailbox } from './mailbox';

/**
 * GET /api/dev/mailbox, registered only while no SMTP_URL is set: the embedded default's local
 * mailbox, oldest first. Public because it is the operator's (and the test suites') stand-in
 * for a real inbox; the emails are PHI-free (R20) but carry invitation and reset links, so with
 * NODE_ENV=production the route stays off and the operator reads the file on disk instead.
 */
export async function registerDevMailboxRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.isProduction) {
    ctx.log.warn('no SMTP_URL: emails are kept in DATA_DIR/mailbox.jsonl (GET /api/dev/mailbox is off in production)');
    return;
  }
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dev/mailbox',
    {
      config: { public: true },
      schema: { tags: ['dev'], querystring: DevMailboxQuery, response: { 200: DevMailboxResponse } },
    },
    async (request) => ({ emails: await readMailbox(ctx.config.dataDir, request.query.to) }),
  );
}
