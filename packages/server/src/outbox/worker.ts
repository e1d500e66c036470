import type { AppContext } from '../context';
import { openMailTransport } from '../email/transport';
import { deliverBatch } from './deliver';
import { claimDue } from './outbox.repo';

const POLL_MS = 1_000;
const BATCH = 10;

/** The running mail worker: `wake()` after committing new outbox rows; `stop()` on shutdown. */
export interface MailWorker {
  wake(): void;
  stop(): Promise<void>;
}

/**
 * The mail worker: drains the outbox every second and whenever woken. Sending never waits on
 * it; a failed round (database briefly away) is simply tried again at the next tick.
 */
export function startMailWorker(ctx: AppContext): MailWorker {
  const transport = openMailTransport(ctx.config);
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const drain = async () => {
    while (!stopped) {
      const rows = await claimDue(ctx.db, ctx.dialect, BATCH);
      if (rows.length === 0) return;
      await deliverBatch(ctx, transport, rows);
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(kick, POLL_MS);
    timer.unref();
  };

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => {
        ctx.log.error(
          { err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } },
          'mail round failed',
        );
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          setImmediate(kick);
        } else schedule();
      });
  }

  schedule();
  return {
    wake: () => kick(),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
