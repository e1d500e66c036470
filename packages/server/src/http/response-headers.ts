import type { FastifyInstance } from 'fastify';

/**
 * Browser features no Confide page uses are switched off for every page; passkeys (R53) stay
 * available to this site only.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'publickey-credentials-create=(self)',
  'publickey-credentials-get=(self)',
].join(', ');

/**
 * Headers every answer carries. `Cache-Control: no-store` is the default for every answer —
 * API data, errors and not-found answers alike — and only the web app's own files (routes
 * marked `webApp`) set their own caching; decided from the route reached, never the raw URL (R30).
 */
export function registerResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (!request.routeOptions.config.webApp) reply.header('Cache-Control', 'no-store');
  });
}
