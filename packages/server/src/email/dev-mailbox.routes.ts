import { DevMailboxQuery, DevMailboxResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { adminOf } from '../http/actor';
import { readMailbox } from './mailbox';

/**
 * GET /api/dev/mailbox, served only while no SMTP_URL is set and never with NODE_ENV=production:
 * the embedded default's local mailbox, oldest first. R21: its emails carry invitation and
 * password-reset links that sign people in, so only a practice's own admins read it, and only
 * their practice's emails; the operator reads all of it with `confide mail`.
 */
export async function registerDevMailboxRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.isProduction) {
    ctx.log.warn('no SMTP_URL: emails are kept in DATA_DIR/mailbox.jsonl; read them with `confide mail`');
    return;
  }
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dev/mailbox',
    { schema: { tags: ['dev'], querystring: DevMailboxQuery, response: { 200: DevMailboxResponse } } },
    async (request) => {
      const actor = adminOf(request);
      const emails = await readMailbox(ctx.config.dataDir, { to: request.query.to, practiceId: actor.practiceId });
      return { emails: emails.map(({ to, subject, text, html, sentAt }) => ({ to, subject, text, html, sentAt })) };
    },
  );
}
