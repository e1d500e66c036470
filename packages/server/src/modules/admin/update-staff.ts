import type { PatchStaffRequest, StaffMember } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import type { Actor } from '../../actor';
import { AppError } from '../../errors';
import { nowIso } from '../../ids';
import { destroyUserSessions } from '../accounts/sessions';
import { presentStaffMember } from './admin.presenter';
import { getStaff } from './admin.repo';
import { binding } from '../../crypto/bindings';

type StaffPatch = z.infer<typeof PatchStaffRequest>;

/**
 * R35: changes a staff member's role, admin flag, name, or disables them (which ends their
 * sessions at once). The practice always keeps at least one active admin.
 */
export async function updateStaff(ctx: AppContext, actor: Actor, id: string, patch: StaffPatch): Promise<StaffMember> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const row = await ctx.db.transaction().execute(async (tx) => {
    if (ctx.dialect === 'postgres') {
      // Two admins demoting each other at once must not both pass the last-admin check; SQLite has one writer.
      await tx.selectFrom('practices').select('id').where('id', '=', actor.practiceId).forUpdate().execute();
    }
    const before = await getStaff(tx, actor.practiceId, id);
    const isActiveAdmin = Boolean(before.admin) && before.status !== 'disabled';
    if (isActiveAdmin && (patch.admin === false || patch.disabled === true)) {
      await ensureAnotherAdmin(tx, actor.practiceId, id);
    }
    const changes: Record<string, unknown> = {};
    if (patch.role !== undefined) changes.role = patch.role;
    if (patch.admin !== undefined) changes.admin = patch.admin ? 1 : 0;
    if (patch.disabled !== undefined) changes.status = patch.disabled ? 'disabled' : 'active';
    if (patch.name !== undefined) changes.name_enc = cipher.encrypt(binding('users.name', id), patch.name);
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('users')
        .set({ ...changes, updated_at: nowIso() })
        .where('id', '=', id)
        .where('practice_id', '=', actor.practiceId)
        .execute();
    }
    if (patch.disabled === true) await destroyUserSessions(tx, actor.practiceId, id);
    await auditAs(tx, actor, 'admin.staff.updated', { userId: id, fields: Object.keys(patch).sort().join(',') });
    return getStaff(tx, actor.practiceId, id);
  });
  if (patch.disabled === true) ctx.bus.sessionsChanged();
  return presentStaffMember(cipher, row);
}

/** Refuses a change that would leave the practice without an active admin. */
async function ensureAnotherAdmin(tx: Tx, practiceId: string, exceptId: string): Promise<void> {
  const other = await tx
    .selectFrom('users')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('kind', '=', 'staff')
    .where('admin', '=', 1)
    .where('status', '!=', 'disabled')
    .where('id', '!=', exceptId)
    .limit(1)
    .executeTakeFirst();
  if (!other) {
    throw new AppError(
      'conflict',
      'This is the last administrator of the practice. Make someone else an administrator first.',
    );
  }
}
