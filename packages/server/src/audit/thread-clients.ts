import type { DbOrTx } from '../db';
import { clientTargets } from './audit';

/** Audit targets naming a thread and its clients, so the access report (R38) can find the event. */
export async function threadAuditTargets(
  db: DbOrTx,
  practiceId: string,
  threadId: string,
): Promise<{ threadId: string; clientIds?: string }> {
  const rows = await db
    .selectFrom('thread_participants as tp')
    .innerJoin('users as u', 'u.id', 'tp.user_id')
    .select('u.id')
    .where('tp.practice_id', '=', practiceId)
    .where('tp.thread_id', '=', threadId)
    .where('u.practice_id', '=', practiceId)
    .where('u.kind', '=', 'client')
    .execute();
  return { threadId, ...clientTargets(rows.map((r) => r.id)) };
}
