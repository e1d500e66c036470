import {
  AcceptAgreementRequest,
  AcceptanceResponse,
  AgreementResponse,
  AgreementStatusResponse,
  ClientAgreementResponse,
  IdParams,
  PublishAgreementRequest,
} from '@confide/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { actorOf, adminOf } from '../../http/actor';
import { acceptAgreement, agreementStatus, clientAgreement, publishAgreement } from './agreement-ops';

const tags = ['agreement'];

/** R43: the messaging agreement — read, accepted by clients, published by admins, shown to staff. */
export async function registerAgreementRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/agreement', { schema: { tags, response: { 200: AgreementStatusResponse } } }, async (request) =>
    agreementStatus(ctx, actorOf(request)),
  );

  app.post(
    '/api/agreement/acceptances',
    { schema: { tags, body: AcceptAgreementRequest, response: { 201: AcceptanceResponse } } },
    async (request, reply) =>
      reply.code(201).send({ acceptance: await acceptAgreement(ctx, actorOf(request), request.body.version) }),
  );

  app.put(
    '/api/admin/agreement',
    { schema: { tags, body: PublishAgreementRequest, response: { 200: AgreementResponse } } },
    async (request) => ({ agreement: await publishAgreement(ctx, adminOf(request), request.body.text) }),
  );

  app.get(
    '/api/clients/:id/agreement',
    { schema: { tags, params: IdParams, response: { 200: ClientAgreementResponse } } },
    async (request) => clientAgreement(ctx, actorOf(request), request.params.id),
  );
}
