import type { CreateStaffRequest, StaffMember } from '@confide/api';
import type { z } from 'zod';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import type { Actor } from '../../actor';
import { createUser } from '../accounts/create-user';
import { sendInvitation } from '../accounts/one-time-links';
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
  const row = await transact(ctx, async (tx) => {
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
    await sendInvitation(tx, cipher, { id, practice_id: actor.practiceId });
    await auditAs(tx, actor, 'admin.staff.invited', { userId: id });
    return getStaff(tx, actor.practiceId, id);
  });
  return presentStaffMember(cipher, row);
}
