import { parseSettings } from '@confide/api';
import type { PracticeSettings, SettingsPatch } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { getPractice } from '../practices/practices.repo';
import { deferTodaysRetentionRun } from '../records/retention.repo';

/** R35: changes some practice settings; the rest keep their values. Takes effect on the next request. */
export async function updateSettings(
  ctx: AppContext,
  actor: Actor,
  patch: z.infer<typeof SettingsPatch>,
): Promise<PracticeSettings> {
  return ctx.db.transaction().execute(async (tx) => {
    const practice = await getPractice(tx, actor.practiceId);
    const before = parseSettings(practice.settings);
    const settings = { ...before, ...patch };
    await tx
      .updateTable('practices')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', actor.practiceId)
      .execute();
    if (settings.retentionYears !== null && settings.retentionYears !== before.retentionYears) {
      await deferTodaysRetentionRun(tx, actor.practiceId, settings.timeZone, ctx.clock.now());
    }
    await auditAs(tx, actor, 'admin.settings.updated', {
      practiceId: actor.practiceId,
      fields: Object.keys(patch).sort().join(','),
    });
    return settings;
  });
}
