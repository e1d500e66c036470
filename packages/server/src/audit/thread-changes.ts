import type { Db } from '../db';
import { unscoped } from '../db/unscoped';

/** The audit actions that change what an export of a thread shows (R49). */
export const THREAD_CHANGES = ['message.sent', 'message.deleted', 'thread.deleted', 'thread.purged'] as const;

/** What `confide audit verify --thread ID --since SEQ` adds to the chain check. */
export interface ThreadChangeReport {
  threadId: string;
  since: number;
  /** True when no change to the thread was audited after the export's chain position. */
  unchanged: boolean;
  changes: { seq: number; action: string; at: string }[];
}

/**
 * R49: the changes to a thread audited after a chain position (an export states its own). With a
 * verified chain, none means the thread reads as it did then; deleted messages were already absent.
 * The thread id finds its practice's rows (ids are unique across practices), hence unscoped.
 */
export async function threadChangesSince(db: Db, threadId: string, since: number): Promise<ThreadChangeReport> {
  const rows = await unscoped(db, 'audit.verify')
    .selectFrom('audit_events')
    .select(['seq', 'action', 'at', 'targets'])
    .where('seq', '>', since)
    .where('action', 'in', [...THREAD_CHANGES])
    .where('targets', 'like', `%"threadId":"${threadId.replace(/[^0-9a-f-]/gi, '')}"%`)
    .orderBy('seq')
    .execute();
  const changes = rows
    .filter((row) => (JSON.parse(row.targets) as { threadId?: string }).threadId === threadId)
    .map((row) => ({ seq: Number(row.seq), action: row.action, at: row.at }));
  return { threadId, since, unchanged: changes.length === 0, changes };
}
