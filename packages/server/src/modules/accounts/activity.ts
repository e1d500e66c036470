import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Never the person's own action (the live-event socket): it does not slide the idle timeout. */
    background?: boolean;
  }
}

/**
 * The header the web app sends on requests nobody asked for — refetches after a live event,
 * polling, refetches on focus — so they do not keep an untouched session alive (R29).
 */
export const BACKGROUND_HEADER = 'x-confide-background';

/**
 * R29: whether a request is the person's own action, which slides the idle timeout. Requests
 * marked as background and the live-event socket are not; everything else is, so a client that
 * does not know the header errs on the side the person expects (an action keeps them signed in).
 */
export function isOwnAction(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.background) return false;
  return request.headers[BACKGROUND_HEADER] !== '1';
}
