import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { dependencyFailure } from '../../db/failures';
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
    const { hits, resetsAt } = await countHit(ctx, key, now);
    if (hits > SIGN_IN_LIMIT) {
      reply.header('Retry-After', String(Math.max(1, Math.ceil((resetsAt - now) / 1000))));
      throw new AppError('rate_limited', 'Too many attempts. Wait a moment and try again.');
    }
  };
}

/**
 * Adds one hit to the budget and answers the count as soon as the upsert has run, in a
 * transaction of its own, without waiting for that transaction to reach the disk: the request
 * goes on to its password hash while the flush runs (on SQLite, a write's promise resolves only
 * after the WAL's fdatasync). A count lost in a power cut costs nothing, and whatever the request
 * then stores and acknowledges comes later in the same ordered WAL. A commit that fails later is
 * logged (a full disk let go, as for a session's last-activity touch); one that fails at once fails
 * the request.
 */
async function countHit(ctx: AppContext, key: string, now: number) {
  let counted!: (hit: { hits: number; resetsAt: number }) => void;
  const hit = new Promise<{ hits: number; resetsAt: number }>((resolve) => (counted = resolve));
  const stored = ctx.db.transaction().execute(async (tx) => {
    counted(await hitRateLimit(tx, key, SIGN_IN_WINDOW_MS, now));
  });
  stored.catch((error: unknown) => {
    if (!dependencyFailure(error)) ctx.log.warn({ err: (error as Error)?.name }, 'storing a sign-in budget hit failed');
  });
  return Promise.race([hit, stored.then(() => hit)]);
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
