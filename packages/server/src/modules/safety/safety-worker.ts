import type { AppContext } from '../../context';
import { runDueSafetyJobs } from './run-safety-jobs';

const POLL_MS = 30_000;

/** The running reminder and escalation worker of one node. */
export interface SafetyWorker {
  /** Runs the due jobs now, after any round in progress (tests move the clock, then call this). */
  run(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * R41: every node runs due reminders and escalations every 30 seconds, by the context's clock;
 * the database decides which node runs each job (run-safety-jobs.ts). A failed round (the
 * database briefly away) is tried again at the next tick.
 */
export function startSafetyWorker(ctx: AppContext): SafetyWorker {
  let stopped = false;
  let round: Promise<number> = Promise.resolve(0);
  const run = () => {
    round = round.catch(() => 0).then(() => (stopped ? 0 : runDueSafetyJobs(ctx)));
    return round;
  };
  const timer = setInterval(() => {
    run().catch((error: unknown) => {
      ctx.log.error(
        { err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } },
        'safety round failed',
      );
    });
  }, POLL_MS);
  timer.unref();
  return {
    run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await round.catch(() => 0);
    },
  };
}
