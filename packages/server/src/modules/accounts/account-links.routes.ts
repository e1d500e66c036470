import { AcceptInvitation, PasswordResetConfirm, PasswordResetRequest } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { redeemOneTimeLink } from './one-time-links';
import { requestPasswordReset } from './password-reset';
import { signInThrottle } from './sign-in-throttle';

const tags = ['accounts'];
const Redeemed = z.object({ practice: z.string() });

/** The one-time links (R28, R35): asking for a password reset, and redeeming a reset or an invitation. */
export async function registerAccountLinkRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/password-reset',
    { config: { public: true }, preHandler: signInThrottle(ctx), schema: { tags, body: PasswordResetRequest } },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.body, request.ip);
      // The same answer whether or not the account exists.
      return reply.status(202).send();
    },
  );

  for (const [path, purpose, Body] of [
    ['/api/auth/password-reset/confirm', 'reset', PasswordResetConfirm],
    ['/api/auth/invitation/accept', 'invite', AcceptInvitation],
  ] as const) {
    app.post(
      path,
      { config: { public: true }, schema: { tags, body: Body, response: { 200: Redeemed } } },
      async (request) => {
        const { practiceSlug } = await redeemOneTimeLink(
          ctx,
          purpose,
          request.body.token,
          request.body.password,
          request.ip,
        );
        return { practice: practiceSlug };
      },
    );
  }
}
