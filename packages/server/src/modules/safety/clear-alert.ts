import type { ThreadAlertKind } from '@confide/api';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { nowIso } from '../../ids';
import { transact } from '../../db/transact';
import { recordEvents } from '../../realtime/event-log';
import { findOwnThread } from '../threads/threads.repo';

const auditAction: Record<ThreadAlertKind, string> = {
  crisis: 'safety.crisis.acknowledged',
  overdue: 'safety.overdue.handled',
};

/**
 * A staff member taking part in the thread clears its open alert: acknowledges a possible
 * crisis (R42) or marks an overdue message "No reply needed" (R41). Audited; every staff
 * participant's view updates live. Clients may not (403); others do not see the thread (404).
 */
export async function clearAlert(
  ctx: AppContext,
  actor: Actor,
  threadId: string,
  kind: ThreadAlertKind,
): Promise<{ threadId: string; kind: ThreadAlertKind; clearedAt: string }> {
  if (!(await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId))) throw notFound('This conversation');
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'Only staff can clear an alert.');
  const clearedAt = nowIso(ctx.clock.now());
  await transact(ctx, async (tx) => {
    const cleared = await tx
      .updateTable('thread_alerts')
      .set({ cleared_at: clearedAt, cleared_by: actor.userId })
      .where('practice_id', '=', actor.practiceId)
      .where('thread_id', '=', threadId)
      .where('kind', '=', kind)
      .where('cleared_at', 'is', null)
      .returning('id')
      .execute();
    const alertId = cleared[0]?.id;
    if (!alertId) throw notFound(kind === 'crisis' ? 'An open crisis alert' : 'An overdue mark');
    await auditAs(tx, actor, auditAction[kind], { threadId, alertId });
    const staff = await tx
      .selectFrom('thread_participants as tp')
      .innerJoin('users as u', (join) =>
        join.onRef('u.id', '=', 'tp.user_id').onRef('u.practice_id', '=', 'tp.practice_id'),
      )
      .select('u.id')
      .where('tp.practice_id', '=', actor.practiceId)
      .where('tp.thread_id', '=', threadId)
      .where('u.kind', '=', 'staff')
      .execute();
    await recordEvents(
      tx,
      actor.practiceId,
      staff.map((s) => ({ userId: s.id, event: { type: 'alert.cleared' as const, threadId, kind } })),
    );
  });
  return { threadId, kind, clearedAt };
}
