import { MfaDisableRequest, MfaEnableRequest, MfaSetupResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { confirmMfa, disableMfa, startMfaSetup } from './mfa';

const tags = ['accounts'];

/** Two-factor sign-in (R28): set up and enable (also while enrolment is required), and turn off. */
export async function registerMfaRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/mfa/setup',
    { config: { duringMfaEnrollment: true }, schema: { tags, response: { 200: MfaSetupResponse } } },
    async (request) => startMfaSetup(ctx, actorOf(request)),
  );

  app.post(
    '/api/auth/mfa/enable',
    { config: { duringMfaEnrollment: true }, schema: { tags, body: MfaEnableRequest } },
    async (request, reply) => {
      await confirmMfa(ctx, actorOf(request), request.body.totp, request.ip);
      return reply.status(204).send();
    },
  );

  app.post('/api/auth/mfa/disable', { schema: { tags, body: MfaDisableRequest } }, async (request, reply) => {
    await disableMfa(ctx, actorOf(request), request.body.password, request.ip);
    return reply.status(204).send();
  });
}
