import type { AppContext } from '../context';

/** A node's worker that runs a round of database jobs on a timer. */
export interface PeriodicWorker {
  /** Runs what is due now, after any round in progress (tests move the clock, then call this). */
  run(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs `round` every `everyMs` on every node; the database decides which node does each job (the
 * round claims its work). Rounds never overlap, and a failed one (the database briefly away) is
 * logged without its details and tried again at the next tick.
 */
export function startPeriodicWorker(
  ctx: AppContext,
  name: string,
  everyMs: number,
  round: (ctx: AppContext) => Promise<number>,
): PeriodicWorker {
  let stopped = false;
  let current: Promise<number> = Promise.resolve(0);
  const run = () => {
    current = current.catch(() => 0).then(() => (stopped ? 0 : round(ctx)));
    return current;
  };
  const timer = setInterval(() => {
    run().catch((error: unknown) => {
      ctx.log.error(
        { err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } },
        `${name} round failed`,
      );
    });
  }, everyMs);
  timer.unref();
  return {
    run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await current.catch(() => 0);
    },
  };
}
