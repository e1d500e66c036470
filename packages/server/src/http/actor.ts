import type { PracticeSettings, Role } from '@confide/api';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors';

/** The signed-in person a request acts as, derived from the session cookie alone (R30). */
export interface Actor {
  sessionId: string;
  userId: string;
  practiceId: string;
  practiceSlug: string;
  practiceName: string;
  kind: 'staff' | 'client';
  role: Role;
  isAdmin: boolean;
  status: 'active' | 'inactive' | 'disabled';
  mfaEnabled: boolean;
  csrfToken: string;
  settings: PracticeSettings;
  /** Staff of a practice requiring two-factor who have not enrolled yet. */
  mfaEnrollmentRequired: boolean;
  lastSeenAt: string;
  ip: string;
}

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
  if (!actor.isAdmin) throw new AppError('forbidden', 'Only practice administrators can do this.');
  return actor;
}
