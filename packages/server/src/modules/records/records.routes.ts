import { ExportQuery, IdParams, RetentionPreviewResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf, adminOf } from '../../http/actor';
import { exportThread } from './export-thread';
import { previewRetention } from './preview-retention';
import { downloadOwnRecords } from './right-of-access';

const tags = ['records'];

/** Records (R49–R51): thread exports, a client's download of everything, retention. */
export async function registerRecordsRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/threads/:id/export',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: ExportQuery,
        description:
          'R49: the thread as a PDF transcript (application/pdf) or a FHIR R4 Bundle (application/fhir+json).',
      },
    },
    async (request, reply) => {
      const file = await exportThread(ctx, actorOf(request), request.params.id, request.query.format);
      return reply
        .type(file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.body);
    },
  );

  app.get(
    '/api/me/records',
    {
      schema: {
        tags,
        description:
          "R50: the signed-in client's messages and files as one ZIP (application/zip): a PDF transcript per thread and its files.",
      },
    },
    async (request, reply) => {
      const file = await downloadOwnRecords(ctx, actorOf(request));
      return reply
        .type('application/zip')
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(file.body);
    },
  );

  app.get(
    '/api/admin/retention',
    {
      schema: {
        tags,
        response: { 200: RetentionPreviewResponse },
        description:
          "R51: the practice's retention period and what its next daily run will destroy (counts and dates only), and when it runs. Admins only; audited.",
      },
    },
    async (request) => ({ retention: await previewRetention(ctx, adminOf(request)) }),
  );
}
