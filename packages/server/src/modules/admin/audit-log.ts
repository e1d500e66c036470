import type { DbOrTx } from '../../db';
import { AppError } from '../../http/errors';
import { presentAuditEvent } from './admin.presenter';

/** One page of a practice's audit log, newest first; the cursor is the last event's seq. */
export async function listAuditEvents(db: DbOrTx, practiceId: string, cursor: string | undefined, limit: number) {
  if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) {
    throw new AppError('validation_failed', 'The cursor is not one this list gave out.');
  }
  const before = cursor === undefined ? null : Number(cursor);
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('seq', 'desc')
    .limit(limit + 1);
  if (before !== null) query = query.where('seq', '<', before);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map(presentAuditEvent),
    nextCursor: rows.length > limit && last ? String(last.seq) : null,
  };
}
