import type { ThreadAlertKind } from '@confide/api';
import type { DbOrTx } from '../../db';

/** The thread's open alert of a kind, if any. */
export function findOpenAlert(db: DbOrTx, practiceId: string, threadId: string, kind: ThreadAlertKind) {
  return db
    .selectFrom('thread_alerts')
    .select(['id', 'message_id', 'raised_at'])
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .where('kind', '=', kind)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
}

/** The open alerts of some threads, by thread (R41, R42: staff see them in lists and on the thread). */
export async function loadOpenAlerts(
  db: DbOrTx,
  practiceId: string,
  threadIds: string[],
): Promise<Map<string, ThreadAlertKind[]>> {
  const alerts = new Map<string, ThreadAlertKind[]>();
  if (threadIds.length === 0) return alerts;
  const rows = await db
    .selectFrom('thread_alerts')
    .select(['thread_id', 'kind'])
    .where('practice_id', '=', practiceId)
    .where('thread_id', 'in', threadIds)
    .where('cleared_at', 'is', null)
    .orderBy('kind')
    .execute();
  for (const row of rows) alerts.set(row.thread_id, [...(alerts.get(row.thread_id) ?? []), row.kind]);
  return alerts;
}
