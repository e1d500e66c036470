import { CreateStaffRequest, Id, PatchStaffRequest, StaffListResponse, StaffMemberResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { adminOf } from '../../http/actor';
import { byName, presentStaffMember } from './admin.presenter';
import { listUsers } from './admin.repo';
import { inviteStaff } from './invite-staff';
import { updateStaff } from './update-staff';

const tags = ['admin'];

/** R35: the practice's staff — list, invite, change role, admin flag or access. */
export function registerStaffAdminRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/admin/staff', { schema: { tags, response: { 200: StaffListResponse } } }, async (request) => {
    const actor = adminOf(request);
    const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
    const rows = await listUsers(ctx.db, actor.practiceId, 'staff');
    return { staff: rows.map((row) => presentStaffMember(cipher, row)).sort(byName) };
  });

  app.post(
    '/api/admin/staff',
    { schema: { tags, body: CreateStaffRequest, response: { 201: StaffMemberResponse } } },
    async (request, reply) => {
      const member = await inviteStaff(ctx, adminOf(request), request.body);
      return reply.status(201).send({ member });
    },
  );

  app.patch(
    '/api/admin/staff/:id',
    {
      schema: { tags, params: z.object({ id: Id }), body: PatchStaffRequest, response: { 200: StaffMemberResponse } },
    },
    async (request) => ({ member: await updateStaff(ctx, adminOf(request), request.params.id, request.body) }),
  );
}
