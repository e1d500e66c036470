import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { safeEqual } from '../crypto/tokens';
import { isOwnAction } from '../modules/accounts/activity';
import { loadSession, SESSION_COOKIE } from '../modules/accounts/sessions';
import { AppError } from '../errors';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Deny by default: every route needs a live session unless its config says `public`; every
 * state-changing call carries the session's CSRF token; staff who must enrol in two-factor
 * reach only the enrolment routes until they do. R30: the guard decides from the route the
 * request reached (its config), never from the raw URL, so `/%61pi/threads`, an absolute-form
 * request line or any other spelling the router resolves meets the same rules. A request that
 * reached no route is no exception: signed out, an unknown path answers 401 like a known one.
 */
export function registerSessionGuard(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = await loadSession(ctx, token, request.ip, isOwnAction(request));
  });

  // preValidation, not preHandler: a signed-out caller learns nothing from how its input is judged.
  app.addHook('preValidation', async (request) => {
    const config = request.routeOptions.config;
    if (config.public) return;
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (MUTATING.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, actor.csrfToken)) {
        throw new AppError('csrf_failed', 'This request is missing its security token. Reload the page and try again.');
      }
    }
    if (actor.mfaEnrollmentRequired && !config.duringMfaEnrollment) {
      throw new AppError('forbidden', 'Your practice requires two-factor sign-in. Set it up to continue.');
    }
  });
}
