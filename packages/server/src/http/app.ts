import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { newId } from '../ids';
import { registerAccessRoutes } from '../modules/access/access.routes';
import { registerSearchRoutes } from '../modules/search/search.routes';
import { registerSavedReplyRoutes } from '../modules/saved-replies/saved-replies.routes';
import { registerReceiptRoutes } from '../modules/receipts/receipts.routes';
import { registerAccountPageRoutes } from '../modules/accounts/account.routes';
import { registerAccountLinkRoutes } from '../modules/accounts/account-links.routes';
import { registerAccountRoutes } from '../modules/accounts/accounts.routes';
import { registerMfaRoutes } from '../modules/accounts/mfa.routes';
import { registerAgreementRoutes } from '../modules/agreement/agreement.routes';
import { registerPasskeyRoutes } from '../modules/accounts/passkey.routes';
import { registerAdminRoutes } from '../modules/admin/admin.routes';
import { registerAttachmentRoutes } from '../modules/attachments/attachments.routes';
import { registerDevMailboxRoutes } from '../email/dev-mailbox.routes';
import { registerDraftRoutes } from '../modules/drafts/drafts.routes';
import { registerNoteRoutes } from '../modules/notes/notes.routes';
import { registerOutOfOfficeRoutes } from '../modules/out-of-office/out-of-office.routes';
import { registerRecordsRoutes } from '../modules/records/records.routes';
import { registerSafetyRoutes } from '../modules/safety/safety.routes';
import { registerTeamRoutes } from '../modules/teams/teams.routes';
import { registerThreadRoutes } from '../modules/threads/threads.routes';
import { registerOutboxRoutes } from '../outbox/outbox.routes';
import { registerRealtimeRoutes } from '../realtime/realtime.routes';
import { closeLiveSocketsForRestart } from '../realtime/live-socket';
import { registerErrorHandler } from './error-handler';
import { registerHealthRoutes } from './health.routes';
import { openApiFinish, openApiTransform } from './openapi';
import { registerResponseHeaders } from './response-headers';
import { registerRouteTable } from './route-table';
import { registerSessionGuard } from './session-guard';

/** Where the built web app is, if it has been built (from src/http under tsx, or from the bundle in dist/). */
export const webDist = join(serverPackageDir(import.meta.dirname), '../web/dist');

/** The folder of the @confide/server package: the nearest one above `dir` holding a package.json. */
function serverPackageDir(dir: string): string {
  const parent = dirname(dir);
  return existsSync(join(dir, 'package.json')) || parent === dir ? dir : serverPackageDir(parent);
}

/** Builds the HTTP application: API, WebSocket events, OpenAPI document and the web app. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const isTls = ctx.config.publicUrl.startsWith('https://');
  const app = Fastify({
    loggerInstance: ctx.log,
    // Fastify's own request lines would log full URLs; ours (below) log the route pattern only.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => newId(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerRouteTable(app);

  // Request log: method, route pattern, status and time — never the URL's values, bodies or headers.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'blob:', 'data:'],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: isTls ? [] : null,
      },
    },
    hsts: isTls ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 }, preClose: closeLiveSocketsForRestart });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Confide API',
        version: '1.0.0',
        description: 'Secure messaging for behavioral-health practices.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'confide_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: openApiTransform,
    transformObject: openApiFinish(ctx.config.publicUrl),
  });

  registerErrorHandler(app);
  registerSessionGuard(app, ctx);
  registerResponseHeaders(app);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({ ok: true }));

  await registerHealthRoutes(app, ctx);
  await registerAccountRoutes(app, ctx);
  await registerMfaRoutes(app, ctx);
  await registerAccountLinkRoutes(app, ctx);
  await registerAccountPageRoutes(app, ctx);
  await registerPasskeyRoutes(app, ctx);
  await registerAdminRoutes(app, ctx);
  await registerThreadRoutes(app, ctx);
  await registerSafetyRoutes(app, ctx);
  await registerTeamRoutes(app, ctx);
  await registerReceiptRoutes(app, ctx);
  await registerDraftRoutes(app, ctx);
  await registerSavedReplyRoutes(app, ctx);
  await registerAttachmentRoutes(app, ctx);
  await registerNoteRoutes(app, ctx);
  await registerRecordsRoutes(app, ctx);
  await registerAccessRoutes(app, ctx);
  await registerSearchRoutes(app, ctx);
  await registerOutOfOfficeRoutes(app, ctx);
  await registerAgreementRoutes(app, ctx);
  await registerRealtimeRoutes(app, ctx);
  await registerOutboxRoutes(app, ctx);
  if (!ctx.config.smtpUrl) await registerDevMailboxRoutes(app, ctx);

  await registerWebApp(app, ctx.config.webDir ?? webDist);
  return app;
}

/**
 * Serves the built single-page app: assets as files, every page under /p/ as index.html. Its
 * routes are public and marked `webApp` where they are registered (an encapsulated onRoute
 * hook), so the guard and the cache headers know them by route. The page itself is always
 * revalidated (a new release takes effect at once); hashed assets never change, so they are
 * cached for good. The build writes a brotli (.br) and a gzip (.gz) copy of every text file
 * beside it; the answer is the smallest one the browser's Accept-Encoding allows, with
 * `Vary: Accept-Encoding` — the copies themselves have no route of their own.
 */
async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) return;
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true, webApp: true };
    });
    await web.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz'],
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', webAppCaching(path));
      },
    });
    const sendIndex = (_: unknown, reply: { sendFile: (f: string) => unknown }) => reply.sendFile('index.html');
    web.get('/', { schema: { hide: true } }, sendIndex);
    web.get('/p/*', { schema: { hide: true } }, sendIndex);
  });
}

/** How long a browser may keep a file of the web app (`path` may be its .br or .gz copy). */
function webAppCaching(path: string): string {
  const file = path.replace(/\.(br|gz)$/, '');
  if (/[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/.test(file)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}
