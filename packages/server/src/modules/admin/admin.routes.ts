import { AuditQuery, AuditResponse, SettingsPatch, SettingsResponse, parseSettings } from '@confide/api';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditAs } from '../../audit/audit';
import { adminAuditCsv } from './audit-csv';
import type { AppContext } from '../../context';
import { adminOf } from '../../http/actor';
import { getPractice } from '../practices/practices.repo';
import { listAuditEvents } from './audit-log';
import { registerClientAdminRoutes } from './client-admin.routes';
import { registerStaffAdminRoutes } from './staff-admin.routes';
import { updateSettings } from './update-settings';

const tags = ['admin'];

/** The admin routes (R35): staff, clients, care teams, practice settings and the audit log (R32). */
export async function registerAdminRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  registerStaffAdminRoutes(root, ctx);
  registerClientAdminRoutes(root, ctx);

  app.get('/api/admin/settings', { schema: { tags, response: { 200: SettingsResponse } } }, async (request) => {
    const actor = adminOf(request);
    return { settings: parseSettings((await getPractice(ctx.db, actor.practiceId)).settings) };
  });

  app.patch(
    '/api/admin/settings',
    { schema: { tags, body: SettingsPatch, response: { 200: SettingsResponse } } },
    async (request) => ({ settings: await updateSettings(ctx, adminOf(request), request.body) }),
  );

  app.get(
    '/api/admin/audit',
    { schema: { tags, querystring: AuditQuery, response: { 200: AuditResponse } } },
    async (request, reply) => {
      const actor = adminOf(request);
      const { format, cursor, limit, ...filters } = request.query;
      const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
      if (format === 'json') return listAuditEvents(ctx.db, cipher, { ...filters, cursor, limit });
      // The export is itself an access worth recording; it is written first, so it is in the file.
      await ctx.db.transaction().execute((tx) =>
        auditAs(tx, actor, 'admin.audit.exported', {
          practiceId: actor.practiceId,
          // The filters, so the log says what was taken; a client filter makes it an event about that client.
          ...(filters.client ? { clientId: filters.client } : {}),
          ...(filters.person ? { personId: filters.person } : {}),
          ...(filters.action ? { action: filters.action } : {}),
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
        }),
      );
      const day = new Date().toISOString().slice(0, 10);
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="audit-${actor.practiceSlug}-${day}.csv"`)
          // A stream skips the JSON serializer; the schema above describes the JSON format only.
          .send(Readable.from(adminAuditCsv(ctx.db, cipher, filters)) as never)
      );
    },
  );
}
