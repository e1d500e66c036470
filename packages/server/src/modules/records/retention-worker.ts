import type { AppContext } from '../../context';
import { runDueRetention } from './run-retention';

const POLL_MS = 10 * 60_000;

/** The retention worker of one node. */
export interface RetentionWorker {
  /** Runs what is due now, after any round in progress (tests move the clock, then call this). */
  run(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * R51: every node looks every ten minutes for practices whose daily run time has come; the
 * database decides which node runs each (run-retention.ts). A failed round is tried again at
 * the next tick.
 */
export function startRetentionWorker(ctx: AppContext): RetentionWorker {
  let stopped = false;
  let round: Promise<number> = Promise.resolve(0);
  const run = () => {
    round = round.catch(() => 0).then(() => (stopped ? 0 : runDueRetention(ctx)));
    return round;
  };
  const timer = setInterval(() => {
    run().catch((error: unknown) => {
      ctx.log.error(
        { err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } },
        'retention round failed',
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
