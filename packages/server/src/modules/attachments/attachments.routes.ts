import { IdParams, MAX_ATTACHMENT_BYTES, MAX_FILES_PER_UPLOAD, UploadResponse } from '@confide/api';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { AppError } from '../../errors';
import { openAttachmentDownload } from './download-attachment';
import { contentDisposition } from './file-name';
import { uploadAttachments } from './upload-attachments';

const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** The attachments routes: upload (multipart, streamed) and download (streamed, decrypted). */
export async function registerAttachmentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: MAX_ATTACHMENT_BYTES,
        files: MAX_FILES_PER_UPLOAD,
        fields: 10,
        fieldSize: 1024,
        parts: MAX_FILES_PER_UPLOAD + 10,
      },
    });
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.post(
      '/api/attachments',
      { schema: { tags: ['attachments'], response: { 201: UploadResponse } } },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!request.isMultipart()) throw new AppError('validation_failed', 'Send files as multipart/form-data.');
        const files = request.files()[Symbol.asyncIterator]();
        const attachments = await uploadAttachments(ctx, actor, files);
        return reply.status(201).send({ attachments });
      },
    );

    routes.get(
      '/api/attachments/:id',
      {
        schema: {
          tags: ['attachments'],
          params: IdParams,
          querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const file = await openAttachmentDownload(ctx, actor, request.params.id);
        const isInline = request.query.inline === '1' && PREVIEWABLE.has(file.contentType);
        const type = file.contentType === 'text/csv' ? 'text/csv; charset=utf-8' : file.contentType;
        return reply
          .header('Content-Type', type)
          .header('Content-Length', String(file.size))
          .header('Content-Disposition', contentDisposition(file.name, isInline))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'no-store')
          .send(file.body);
      },
    );
  });
}
