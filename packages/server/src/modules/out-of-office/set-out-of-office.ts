import type { OutOfOffice, OutOfOfficeRequest } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { newId, nowIso } from '../../ids';
import { findUser, loadPeople } from '../accounts/users.repo';
import { findOpenPeriod } from './out-of-office.repo';
import { binding } from '../../crypto/bindings';
import { canAdministerPractice } from '../../policies/admin';

type PeriodInput = z.output<typeof OutOfOfficeRequest>;

/** A staff member whose out of office the actor may set: themselves, or anyone on the staff for an admin. */
async function staffMember(ctx: AppContext, actor: Actor, userId: string) {
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'Out of office is for staff.');
  if (userId !== actor.userId && !canAdministerPractice(actor)) {
    throw new AppError('forbidden', "Only practice administrators can set a colleague's out of office.");
  }
  const member = await findUser(ctx.db, actor.practiceId, userId);
  if (!member || member.kind !== 'staff') throw notFound('This staff member');
  return member;
}

/** The member's current or next period (R40), or null. */
export async function getOutOfOffice(ctx: AppContext, actor: Actor, userId: string): Promise<OutOfOffice | null> {
  await staffMember(ctx, actor, userId);
  const now = nowIso(ctx.clock.now());
  const row = await findOpenPeriod(ctx.db, actor.practiceId, userId, now);
  if (!row) return null;
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const covering = (await loadPeople(ctx.db, cipher, [row.covering_id])).get(row.covering_id);
  if (!covering) return null;
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    note: cipher.decrypt(binding('out_of_office.note', row.id), row.note_enc),
    covering,
    isActive: row.starts_at <= now,
  };
}

/**
 * R40: sets a staff member's out-of-office period, replacing any period not yet over (a new
 * period: its automatic replies start afresh). The covering colleague is an active staff
 * member other than them who sees every client (an external agent does not, R37). Audited.
 */
export async function setOutOfOffice(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  input: PeriodInput,
): Promise<OutOfOffice> {
  await staffMember(ctx, actor, userId);
  const now = nowIso(ctx.clock.now());
  if (input.endsAt <= input.startsAt)
    throw new AppError('validation_failed', 'The return date must be after the start.');
  if (input.endsAt <= now) throw new AppError('validation_failed', 'The return date must be in the future.');
  const covering = await findUser(ctx.db, actor.practiceId, input.coveringId);
  if (
    !covering ||
    covering.kind !== 'staff' ||
    covering.status !== 'active' ||
    covering.role === 'external_agent' ||
    covering.id === userId
  ) {
    throw new AppError(
      'validation_failed',
      'Choose an active colleague (not an external agent) to cover your messages.',
    );
  }
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .deleteFrom('out_of_office')
      .where('practice_id', '=', actor.practiceId)
      .where('user_id', '=', userId)
      .where('ends_at', '>', now)
      .execute();
    await tx
      .insertInto('out_of_office')
      .values({
        id,
        practice_id: actor.practiceId,
        user_id: userId,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        note_enc: cipher.encrypt(binding('out_of_office.note', id), input.note),
        covering_id: covering.id,
        set_by: actor.userId,
        created_at: now,
      })
      .execute();
    await auditAs(tx, actor, 'out_of_office.set', { userId, periodId: id, coveringId: covering.id });
  });
  const result = await getOutOfOffice(ctx, actor, userId);
  if (!result) throw new Error('the period just set is missing');
  return result;
}

/** R40: ends (or cancels) a staff member's period not yet over; audited when there was one. */
export async function clearOutOfOffice(ctx: AppContext, actor: Actor, userId: string): Promise<void> {
  await staffMember(ctx, actor, userId);
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom('out_of_office')
      .where('practice_id', '=', actor.practiceId)
      .where('user_id', '=', userId)
      .where('ends_at', '>', now)
      .returning('id')
      .execute();
    for (const { id } of removed) await auditAs(tx, actor, 'out_of_office.cleared', { userId, periodId: id });
  });
}
