import { DraftRequest, DraftResponse, DraftsResponse, IdParams, SentDraftResponse } from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { presentDrafts } from './draft.presenter';
import { listOwnDrafts } from './drafts.repo';
import { deleteDraft, saveDraft } from './save-draft';
import { sendDraft } from './send-draft';

const tags = ['drafts'];

/** Drafts: list, save, update, delete, send (R7). Only their author ever sees them. */
export async function registerDraftRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/drafts', { schema: { tags, response: { 200: DraftsResponse } } }, async (request) => {
    const actor = actorOf(request);
    const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
    const rows = await listOwnDrafts(ctx.db, actor.practiceId, actor.userId);
    return { drafts: await presentDrafts(ctx.db, cipher, rows) };
  });

  app.post(
    '/api/drafts',
    { schema: { tags, body: DraftRequest, response: { 201: DraftResponse } } },
    async (request, reply) => reply.code(201).send({ draft: await saveDraft(ctx, actorOf(request), request.body) }),
  );

  app.put(
    '/api/drafts/:id',
    { schema: { tags, params: IdParams, body: DraftRequest, response: { 200: DraftResponse } } },
    async (request) => ({ draft: await saveDraft(ctx, actorOf(request), request.body, request.params.id) }),
  );

  app.delete('/api/drafts/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await deleteDraft(ctx, actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post(
    '/api/drafts/:id/send',
    { schema: { tags, params: IdParams, response: { 201: SentDraftResponse } } },
    async (request, reply) => reply.code(201).send(await sendDraft(ctx, actorOf(request), request.params.id)),
  );
}
