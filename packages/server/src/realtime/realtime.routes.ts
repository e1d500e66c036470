import { Cursor } from '@confide/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { actorOf } from '../http/actor';
import { AppError } from '../errors';
import { pruneEvents } from './event-log';
import { LiveSocket, SESSION_ENDED } from './live-socket';
import { liveSessions } from './session-check';

const SWEEP_MS = 30_000;
const HEARTBEAT_MS = 30_000;
const PRUNE_MS = 60 * 60_000;
/** Stored events are only for catching up after a reconnect; a few days is plenty. */
const EVENT_MAX_AGE_MS = 3 * 24 * 60 * 60_000;

/**
 * GET /api/events, the live-event WebSocket (R12, R19). The session cookie authenticates the
 * upgrade (the session guard answers 401 before it), the Origin must be this site's, and
 * sessions are re-checked every 30 s, before an event once the session could have timed out,
 * and after every sign-out, so a socket never outlives its session.
 */
export async function registerRealtimeRoutes(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const sockets = new Set<LiveSocket>();
  const publicOrigin = new URL(ctx.config.publicUrl).origin;

  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    sweeping ??= (async () => {
      const list = [...sockets];
      if (list.length === 0) return;
      const alive = await liveSessions(
        ctx.db,
        list.map((s) => ({ practiceId: s.practiceId, sessionId: s.sessionId })),
        ctx.clock.now().getTime(),
      );
      for (const live of list) {
        const deadline = alive.get(live.sessionId);
        if (deadline === undefined) live.close(SESSION_ENDED, 'session ended');
        else live.markValidated(deadline);
      }
    })()
      .catch((error: unknown) => ctx.log.warn({ err: (error as Error)?.name }, 'live session sweep failed'))
      .finally(() => {
        sweeping = null;
      });
    return sweeping;
  };

  const timers = [
    setInterval(() => void sweep(), SWEEP_MS),
    setInterval(() => {
      for (const live of sockets) {
        if (!live.isAlive) {
          live.close();
          live.socket.terminate();
          continue;
        }
        live.isAlive = false;
        live.socket.ping();
      }
    }, HEARTBEAT_MS),
    setInterval(() => {
      pruneEvents(ctx.db, EVENT_MAX_AGE_MS).catch(() => ctx.log.warn('pruning old live events failed'));
    }, PRUNE_MS),
  ];
  for (const timer of timers) timer.unref();
  root.addHook('onClose', async () => {
    for (const timer of timers) clearInterval(timer);
    unwatch();
    await sweeping;
  });

  // The operations that end sessions (sign-out, a password set by link, disabling someone) say
  // so through the bus; their sockets close at once, on every node, instead of at the next sweep.
  const unwatch = ctx.bus.watchSessions(() => void sweep());

  const checkOrigin = async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    // Browsers always send Origin on a WebSocket upgrade; refusing foreign ones stops
    // cross-site WebSocket hijacking with the victim's cookie.
    if (origin === undefined) return;
    const sameHost = request.headers.host ? `${request.protocol}://${request.headers.host}` : null;
    if (origin !== publicOrigin && origin !== sameHost) {
      throw new AppError('forbidden', 'This page may not open live updates.');
    }
  };

  app.get(
    '/api/events',
    {
      websocket: true,
      // An open socket and the events it brings are not the person's doing (R29).
      config: { background: true },
      preHandler: checkOrigin,
      schema: { querystring: z.object({ since: Cursor }) },
    },
    (socket, request) => {
      const live = new LiveSocket(ctx, socket, actorOf(request));
      sockets.add(live);
      socket.on('pong', () => {
        live.isAlive = true;
      });
      socket.on('close', () => {
        live.close();
        sockets.delete(live);
      });
      live.start(request.query.since).catch(() => live.close(1011, 'server error'));
    },
  );
}
