import {
  CreateThreadRequest,
  IdParams,
  PatchThreadRequest,
  RecipientsQuery,
  RecipientsResponse,
  ReplyRequest,
  SentMessageResponse,
  SentThreadResponse,
  ThreadResponse,
  ThreadsQuery,
  ThreadsResponse,
  UnreadResponse,
} from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf } from '../../http/actor';
import { nowIso } from '../../ids';
import { listThreads } from './list-threads';
import { setThreadFlags } from './mark-thread';
import { openThread } from './open-thread';
import { listRecipients } from './recipients';
import { replyToThread } from './reply';
import { sendMessage } from './send-message';
import { loadThreadDetail } from './thread-detail';
import { registerThreadDeletionRoutes } from './thread-deletion.routes';

const tags = ['threads'];

/** Recipients, folders, threads, replies, read/archive flags and the unread badge (R1–R14). */
export async function registerThreadRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/recipients',
    { schema: { tags, querystring: RecipientsQuery, response: { 200: RecipientsResponse } } },
    async (request) => {
      const actor = actorOf(request);
      const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
      return listRecipients(ctx.db, cipher, actor.practiceId, actor, request.query.q, nowIso(ctx.clock.now()));
    },
  );

  app.get(
    '/api/threads',
    { schema: { tags, querystring: ThreadsQuery, response: { 200: ThreadsResponse } } },
    async (request) => listThreads(ctx, actorOf(request), request.query),
  );

  app.post(
    '/api/threads',
    { schema: { tags, body: CreateThreadRequest, response: { 201: SentThreadResponse } } },
    async (request, reply) => reply.code(201).send(await sendMessage(ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/threads/:id',
    { schema: { tags, params: IdParams, response: { 200: ThreadResponse } } },
    async (request) => ({ thread: await openThread(ctx, actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/threads/:id/messages',
    { schema: { tags, params: IdParams, body: ReplyRequest, response: { 201: SentMessageResponse } } },
    async (request, reply) =>
      reply.code(201).send(await replyToThread(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/threads/:id',
    { schema: { tags, params: IdParams, body: PatchThreadRequest, response: { 200: ThreadResponse } } },
    async (request) => {
      const actor = actorOf(request);
      await setThreadFlags(ctx, actor, request.params.id, request.body);
      const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
      return { thread: await loadThreadDetail(ctx.db, cipher, actor, request.params.id) };
    },
  );

  app.get('/api/unread', { schema: { tags, response: { 200: UnreadResponse } } }, async (request) => {
    const actor = actorOf(request);
    const row = await ctx.db
      .selectFrom('users')
      .select('unread_count')
      .where('id', '=', actor.userId)
      .where('practice_id', '=', actor.practiceId)
      .executeTakeFirst();
    return { count: Number(row?.unread_count ?? 0) };
  });

  await registerThreadDeletionRoutes(app, ctx);
}
