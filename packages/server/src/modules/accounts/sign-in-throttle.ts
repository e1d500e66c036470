import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { pruneSignInFailures } from './login-failures';
import { hitRateLimit, pruneRateLimits, rateLimitKey } from './rate-limit';

/** R28: at most this many sign-in (or reset) requests per address, practice and email a minute. */
export const SIGN_IN_LIMIT = 10;
export const SIGN_IN_WINDOW_MS = 60_000;
const PRUNE_MS = 60 * 60_000;

/**
 * A preHandler spending one unit of the shared budget of this route, address, practice and
 * email; past SIGN_IN_LIMIT it answers 429. The budget lives in the database, so every node
 * counts against the same one. Per address and account, so one noisy client cannot lock others out.
 */
export function signInThrottle(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = (request.body ?? {}) as { practice?: unknown; email?: unknown };
    const key = rateLimitKey(ctx.keys.master.key, [
      request.routeOptions.url ?? '',
      request.ip,
      String(body.practice),
      String(body.email).trim().toLowerCase(),
    ]);
    const now = ctx.clock.now().getTime();
    const { hits, resetsAt } = await hitRateLimit(ctx.db, key, SIGN_IN_WINDOW_MS, now);
    if (hits > SIGN_IN_LIMIT) {
      reply.header('Retry-After', String(Math.max(1, Math.ceil((resetsAt - now) / 1000))));
      throw new AppError('rate_limited', 'Too many attempts. Wait a moment and try again.');
    }
  };
}

/** Every hour, drops rate-limit windows that are over and failures nobody added to for a day. */
export function startSignInPruning(ctx: AppContext): () => void {
  const timer = setInterval(() => {
    const now = ctx.clock.now().getTime();
    Promise.all([pruneRateLimits(ctx.db, SIGN_IN_WINDOW_MS, now), pruneSignInFailures(ctx.db, now)]).catch(() =>
      ctx.log.warn('pruning sign-in counters failed'),
    );
  }, PRUNE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
