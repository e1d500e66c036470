import type { CreateStaffRequest, StaffMember } from '@confide/api';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../http/actor';
import { nowIso } from '../../ids';
import { createUser } from '../accounts/create-user';
import { issueOneTimeLink } from '../accounts/one-time-links';
import { presentStaffMember } from './admin.presenter';
import { getStaff } from './admin.repo';

/**
 * R35: adds a staff member without a password and emails them an invitation link; the person,
 * the link, the email and the audit row commit together.
 */
export async function inviteStaff(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof CreateStaffRequest>,
): Promise<StaffMember> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const row = await ctx.db.transaction().execute(async (tx) => {
    const id = await createUser(tx, cipher, {
      kind: 'staff',
      role: input.role,
      admin: input.admin ?? false,
      status: 'active',
      name: input.name,
      email: input.email,
      passwordHash: null,
      portal: true,
    });
    await tx.updateTable('users').set({ invited_at: nowIso() }).where('id', '=', id).execute();
    await issueOneTimeLink(tx, cipher, { id, practice_id: actor.practiceId }, 'invite');
    await recordAudit(tx, {
      practiceId: actor.practiceId,
      actorId: actor.userId,
      action: 'admin.staff.invited',
      targets: { userId: id },
      ip: actor.ip,
    });
    return getStaff(tx, actor.practiceId, id);
  });
  ctx.mail.wake();
  return presentStaffMember(cipher, row);
}
