import type { AppContext } from '../context';

/** The mail worker: drains the outbox. */
export function startMailWorker(_ctx: AppContext): { wake(): void; stop(): Promise<void> } {
  return { wake: () => undefined, stop: async () => undefined };
}
