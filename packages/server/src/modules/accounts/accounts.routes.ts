import { LoginRequest, LoginResponse, MeResponse, PracticePublicResponse, Slug } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { notFound } from '../../errors';
import { findPracticeBySlug } from '../practices/practices.repo';
import { login } from './login';
import { deviceLabel } from './device-label';
import { loadMe } from './me';
import { SESSION_COOKIE, sessionCookieOptions } from './sessions';
import { signInThrottle, startSignInPruning } from './sign-in-throttle';
import { signOut } from './sign-out';

const tags = ['accounts'];

/**
 * Signing in and out and the current user (R28, R29); two-factor is in mfa.routes.ts, the
 * one-time links in account-links.routes.ts, the Account page's calls in account.routes.ts.
 */
export async function registerAccountRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = sessionCookieOptions(ctx.config);
  const throttle = signInThrottle(ctx);
  const stopPruning = startSignInPruning(ctx);
  root.addHook('onClose', async () => stopPruning());

  app.get(
    '/api/practices/:slug',
    {
      config: { public: true },
      schema: { tags, params: z.object({ slug: Slug }), response: { 200: PracticePublicResponse } },
    },
    async (request) => {
      const practice = await findPracticeBySlug(ctx.db, request.params.slug);
      if (!practice) throw notFound('This practice');
      return { practice: { slug: practice.slug, name: practice.name } };
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      preHandler: throttle,
      schema: { tags, body: LoginRequest, response: { 200: LoginResponse } },
    },
    async (request, reply) => {
      const result = await login(ctx, request.body, request.ip, deviceLabel(request.headers['user-agent']));
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { duringMfaEnrollment: true },
      schema: { tags, querystring: z.object({ everywhere: z.enum(['true', 'false']).optional() }) },
    },
    async (request, reply) => {
      await signOut(ctx, actorOf(request), { everywhere: request.query.everywhere === 'true', ip: request.ip });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    { config: { duringMfaEnrollment: true }, schema: { tags, response: { 200: MeResponse } } },
    async (request) => loadMe(ctx, actorOf(request)),
  );
}
