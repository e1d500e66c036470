import type { ErrorBody, ErrorCode } from '@confide/api';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { dependencyFailure, RETRY_AFTER_SECONDS } from '../db/failures';
import { AppError } from '../errors';

const byStatus: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  413: 'validation_failed',
  415: 'validation_failed',
  429: 'rate_limited',
};

/** One place maps every failure to `{error: {code, message}}`; no stack or SQL reaches a client. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error.details !== undefined) body.error.details = error.details;
      if (error.status === 503) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return reply.status(error.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Paths and messages only: the rejected values may be PHI.
      const details = error.validation.map((issue) => ({
        path: issue.instancePath || '/',
        message: issue.message,
      }));
      const first = details[0];
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: first ? `${first.path}: ${first.message}` : 'The request is not valid.',
          details,
        },
      });
    }
    const failure = dependencyFailure(error);
    if (failure) {
      request.log.warn({ err: { type: error.name, code: error.code } }, `request failed: ${failure}`);
      return failure === 'unavailable'
        ? reply
            .status(503)
            .header('Retry-After', String(RETRY_AFTER_SECONDS))
            .send({ error: { code: failure, message: 'The service is briefly unavailable. Try again in a moment.' } })
        : reply
            .status(507)
            .send({ error: { code: failure, message: 'The server has run out of storage space; nothing was saved.' } });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: { type: error.name, code: error.code } }, 'request failed');
      return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side.' } });
    }
    const code = byStatus[status] ?? 'validation_failed';
    const message =
      code === 'rate_limited' ? 'Too many attempts. Wait a moment and try again.' : safeMessage(error, status);
    return reply.status(status).send({ error: { code, message } });
  });

  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
  });
}

function safeMessage(error: FastifyError, status: number): string {
  if (status === 413) return 'The request is too large.';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Send JSON (Content-Type: application/json).';
  if (error.code?.startsWith('FST_ERR_CTP')) return 'The request body is not valid JSON.';
  return 'The request is not valid.';
}
