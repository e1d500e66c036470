import { responseTimeWords, type MeResponse } from '@confide/api';
import type { z } from 'zod';
import type { Actor } from '../../actor';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { idleSecondsLeft } from './sessions';
import { presentUser } from './user.presenter';
import { findUser } from './users.repo';

/** `GET /api/me`: the signed-in person, what the apps need of their practice's settings, and their session's state. */
export async function loadMe(ctx: AppContext, actor: Actor): Promise<z.infer<typeof MeResponse>> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const row = await findUser(ctx.db, actor.practiceId, actor.userId);
  if (!row) throw notFound('This account');
  const { settings } = actor;
  return {
    user: presentUser(cipher, row),
    practice: {
      slug: actor.practiceSlug,
      name: actor.practiceName,
      clientLayout: settings.clientLayout,
      responseTimeText: settings.responseTimeText ?? responseTimeWords(settings.responseBusinessDays),
      timeZone: settings.timeZone,
      minBodyLength: settings.minBodyLength,
      idleTimeoutMinutes: settings.idleTimeoutMinutes,
      requireStaffMfa: settings.requireStaffMfa,
    },
    csrfToken: actor.csrfToken,
    unread: Number(row.unread_count),
    idleSecondsLeft: idleSecondsLeft(actor, ctx.clock.now().getTime()),
    mfaEnrollmentRequired: actor.mfaEnrollmentRequired,
  };
}
