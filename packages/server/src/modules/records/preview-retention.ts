import { parseSettings } from '@confide/api';
import type { RetentionPreview } from '@confide/api';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { nowIso } from '../../ids';
import { nextRetentionRun, retentionCutoff, retentionDay } from '../../policies/retention';
import { getPractice } from '../practices/practices.repo';
import { expiredTotals, isRunFinished } from './retention.repo';

/**
 * R51: what the practice's next retention run will destroy — counted with the cutoff that run
 * will use — and when it starts. Admins only (the route checks); the look is audited.
 */
export async function previewRetention(ctx: AppContext, actor: Actor): Promise<RetentionPreview> {
  const now = ctx.clock.now();
  const settings = parseSettings((await getPractice(ctx.db, actor.practiceId)).settings);
  const today = retentionDay(now, settings.timeZone).day;
  const next = nextRetentionRun(now, settings.timeZone, await isRunFinished(ctx.db, actor.practiceId, today));
  const cutoff = retentionCutoff(next.at, settings.retentionYears);
  const totals = cutoff
    ? await expiredTotals(ctx.db, actor.practiceId, nowIso(cutoff))
    : { threads: 0, messages: 0, attachments: 0, oldestActivity: null, newestActivity: null };
  await ctx.db
    .transaction()
    .execute((tx) => auditAs(tx, actor, 'admin.retention.viewed', { practiceId: actor.practiceId }));
  return {
    retentionYears: settings.retentionYears,
    cutoff: cutoff ? nowIso(cutoff) : null,
    // A run that is due starts at the next worker round.
    nextRunAt: nowIso(next.at.getTime() < now.getTime() ? now : next.at),
    ...totals,
  };
}
