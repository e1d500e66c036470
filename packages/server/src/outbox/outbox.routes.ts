import { OutboxQuery, OutboxResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { adminOf } from '../http/actor';
import { listDeliveries } from './outbox.repo';

const PAGE = 50;

/** GET /api/admin/outbox: the practice's email deliveries for admins — states and errors, never content (R21). */
export async function registerOutboxRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/admin/outbox',
    { schema: { tags: ['admin'], querystring: OutboxQuery, response: { 200: OutboxResponse } } },
    async (request) => {
      const actor = adminOf(request);
      const rows = await listDeliveries(ctx.db, actor.practiceId, request.query.cursor, PAGE + 1);
      const page = rows.slice(0, PAGE);
      return {
        deliveries: page.map((r) => ({
          id: r.id,
          kind: r.template,
          recipientId: r.recipient_id,
          state: r.state,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAt: r.created_at,
          nextAttemptAt: r.state === 'pending' ? r.next_attempt_at : null,
          sentAt: r.sent_at,
        })),
        nextCursor: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );
}
