import {
  AcceptInvitation,
  LoginRequest,
  LoginResponse,
  MeResponse,
  MfaDisableRequest,
  MfaEnableRequest,
  MfaSetupResponse,
  PasswordResetConfirm,
  PasswordResetRequest,
  PracticePublic,
  responseTimeWords,
  Slug,
} from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { notFound } from '../../errors';
import { findPracticeBySlug } from '../practices/practices.repo';
import { login } from './login';
import { confirmMfa, disableMfa, startMfaSetup } from './mfa';
import { requestPasswordReset } from './password-reset';
import { signInThrottle, startSignInPruning } from './sign-in-throttle';
import { redeemOneTimeLink } from './one-time-links';
import { deviceLabel } from './device-label';
import { destroySession, destroyUserSessions, idleSecondsLeft, SESSION_COOKIE, sessionCookieOptions } from './sessions';
import { presentUser } from './user.presenter';
import { findUser } from './users.repo';
import { recordAudit } from '../../audit/audit';

const tags = ['accounts'];

/** Sign-in, sign-out, the current user, two-factor, invitations and password reset (R28, R29). */
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
      schema: { tags, params: z.object({ slug: Slug }), response: { 200: z.object({ practice: PracticePublic }) } },
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
      const actor = actorOf(request);
      await ctx.db.transaction().execute(async (tx) => {
        if (request.query.everywhere === 'true') await destroyUserSessions(tx, actor.practiceId, actor.userId);
        else await destroySession(tx, actor.practiceId, actor.sessionId);
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorId: actor.userId,
          action: request.query.everywhere === 'true' ? 'auth.logout_everywhere' : 'auth.logout',
          ip: request.ip,
        });
      });
      ctx.bus.sessionsChanged();
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    { config: { duringMfaEnrollment: true }, schema: { tags, response: { 200: MeResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
      const row = await findUser(ctx.db, actor.practiceId, actor.userId);
      if (!row) throw notFound('This account');
      const { settings } = actor;
      return {
        user: presentUser(cipher, row),
        practice: {
          slug: actor.practiceSlug,
          name: actor.practiceName,
          clientLayout: settings.clientLayout,
          responseTimeText: settings.responseTimeText ?? responseTimeWords(settings.responseBusinessDays),
          timeZone: settings.timeZone,
          minBodyLength: settings.minBodyLength,
          idleTimeoutMinutes: settings.idleTimeoutMinutes,
          requireStaffMfa: settings.requireStaffMfa,
        },
        csrfToken: actor.csrfToken,
        unread: Number(row.unread_count),
        idleSecondsLeft: idleSecondsLeft(actor, ctx.clock.now().getTime()),
        mfaEnrollmentRequired: actor.mfaEnrollmentRequired,
      };
    },
  );

  app.post(
    '/api/auth/password-reset',
    { config: { public: true }, preHandler: throttle, schema: { tags, body: PasswordResetRequest } },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.body, request.ip);
      // The same answer whether or not the account exists.
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { public: true },
      schema: { tags, body: PasswordResetConfirm, response: { 200: z.object({ practice: z.string() }) } },
    },
    async (request) => {
      const { practiceSlug } = await redeemOneTimeLink(
        ctx,
        'reset',
        request.body.token,
        request.body.password,
        request.ip,
      );
      return { practice: practiceSlug };
    },
  );

  app.post(
    '/api/auth/invitation/accept',
    {
      config: { public: true },
      schema: { tags, body: AcceptInvitation, response: { 200: z.object({ practice: z.string() }) } },
    },
    async (request) => {
      const { practiceSlug } = await redeemOneTimeLink(
        ctx,
        'invite',
        request.body.token,
        request.body.password,
        request.ip,
      );
      return { practice: practiceSlug };
    },
  );

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
