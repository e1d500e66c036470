import {
  Id,
  PasskeyOptionsResponse,
  PasskeyRegisterRequest,
  PasskeyRenameRequest,
  PasskeyResponse,
  PasskeySignInOptionsRequest,
  PasskeySignInRequest,
  PasskeysResponse,
  LoginResponse,
} from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { deviceLabel } from './device-label';
import { removePasskey, renamePasskey } from './manage-passkeys';
import { passkeySignInOptions, signInWithPasskey } from './passkey-sign-in';
import { listPasskeys, presentPasskey } from './passkeys.repo';
import { passkeyRegistrationOptions, registerPasskey } from './register-passkey';
import { SESSION_COOKIE, sessionCookieOptions } from './sessions';
import { signInThrottle } from './sign-in-throttle';

const tags = ['accounts'];

/**
 * Passkeys (R53): signing in with one, and a person's own list — add (also while staff must
 * still enrol a second factor: a passkey meets that rule), rename, remove.
 */
export async function registerPasskeyRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const throttle = signInThrottle(ctx);

  app.post(
    '/api/auth/passkey/options',
    {
      config: { public: true },
      preHandler: throttle,
      schema: { tags, body: PasskeySignInOptionsRequest, response: { 200: PasskeyOptionsResponse } },
    },
    async (request) => passkeySignInOptions(ctx, request.body.practice),
  );

  app.post(
    '/api/auth/passkey',
    {
      config: { public: true },
      preHandler: throttle,
      schema: { tags, body: PasskeySignInRequest, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      const device = deviceLabel(request.headers['user-agent']);
      const result = await signInWithPasskey(ctx, request.body, request.ip, device);
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(ctx.config));
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.get(
    '/api/account/passkeys',
    { config: { duringMfaEnrollment: true }, schema: { tags, response: { 200: PasskeysResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
      const rows = await listPasskeys(ctx.db, actor.practiceId, actor.userId);
      return { passkeys: rows.map((row) => presentPasskey(cipher, row)) };
    },
  );

  app.post(
    '/api/account/passkeys/options',
    { config: { duringMfaEnrollment: true }, schema: { tags, response: { 200: PasskeyOptionsResponse } } },
    async (request) => passkeyRegistrationOptions(ctx, actorOf(request)),
  );

  app.post(
    '/api/account/passkeys',
    {
      config: { duringMfaEnrollment: true },
      schema: { tags, body: PasskeyRegisterRequest, response: { 201: PasskeyResponse } },
    },
    async (request, reply) => {
      const passkey = await registerPasskey(ctx, actorOf(request), request.body);
      return reply.status(201).send({ passkey });
    },
  );

  app.patch(
    '/api/account/passkeys/:id',
    {
      schema: { tags, params: z.object({ id: Id }), body: PasskeyRenameRequest, response: { 200: PasskeyResponse } },
    },
    async (request) => ({
      passkey: await renamePasskey(ctx, actorOf(request), request.params.id, request.body.name),
    }),
  );

  app.delete(
    '/api/account/passkeys/:id',
    { schema: { tags, params: z.object({ id: Id }) } },
    async (request, reply) => {
      await removePasskey(ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
