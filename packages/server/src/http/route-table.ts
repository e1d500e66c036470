import type { FastifyContextConfig, FastifyInstance } from 'fastify';

/** One registered route: what the route-table guard test walks. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  /** Read when asked: hooks of an encapsulated plugin may mark the route after this one saw it. */
  readonly config: FastifyContextConfig;
  readonly isWebSocket: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on the app, in registration order (filled by an onRoute hook). */
    routeTable: readonly RouteEntry[];
  }
}

/**
 * Records every route as it is registered, so the route-table test (http/route-table.api.test.ts)
 * walks all of them — a route added tomorrow is covered without anyone listing it.
 */
export function registerRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      table.push({
        method,
        url: route.url,
        get config() {
          return route.config ?? {};
        },
        isWebSocket: Boolean((route as { websocket?: boolean }).websocket),
      });
    }
  });
}
