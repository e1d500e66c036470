import type { AppContext } from './context';

/** Some conversation history for the demo practice (filled in by the messaging module). */
export async function seedDemoHistory(_ctx: AppContext, _ids: Record<string, string>): Promise<void> {
  // Messaging operations arrive with the messaging module; until then the demo starts with empty mailboxes.
}
