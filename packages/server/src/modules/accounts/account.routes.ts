import { AccountSessionsResponse, PasswordChangeRequest } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { listAccountSessions } from './account-sessions';
import { changePassword } from './change-password';
import { signInThrottle } from './sign-in-throttle';

const tags = ['accounts'];

/** The Account page's own calls (R52): the signed-in sessions, and a new password. */
export async function registerAccountPageRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/account/sessions',
    { schema: { tags, response: { 200: AccountSessionsResponse } } },
    async (request) => ({ sessions: await listAccountSessions(ctx, actorOf(request)) }),
  );

  app.post(
    '/api/account/password',
    // The sign-in budget: guessing the current password is as throttled as guessing at sign-in.
    { preHandler: signInThrottle(ctx), schema: { tags, body: PasswordChangeRequest } },
    async (request, reply) => {
      await changePassword(ctx, actorOf(request), request.body);
      return reply.status(204).send();
    },
  );
}
