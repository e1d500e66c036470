import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { canAdministerPractice } from '../policies/admin';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, password reset, public practice info). */
    public?: boolean;
    /** Reachable while a staff member still has to enrol in two-factor. */
    duringMfaEnrollment?: boolean;
    /** A file of the built web app (pages and assets), which sets its own caching. */
    webApp?: boolean;
  }
}

/** The actor of a request that passed the session guard. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.actor;
}

/** The actor, who must be an admin of their practice. */
export function adminOf(request: FastifyRequest): Actor {
  const actor = actorOf(request);
  if (!canAdministerPractice(actor)) throw new AppError('forbidden', 'Only practice administrators can do this.');
  return actor;
}
