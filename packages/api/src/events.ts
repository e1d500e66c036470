import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { ThreadAlertKind } from './safety';

/**
 * Live events over `GET /api/events`. Payloads carry ids and counts only — never content;
 * the client fetches what it needs through the API. `seq` is the cursor for catching up
 * after a reconnect (`?since=<seq>`).
 */
export const LiveEvent = lazySchema(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('message.created'), seq: z.string(), threadId: z.string(), messageId: z.string() }),
    z.object({ type: z.literal('message.deleted'), seq: z.string(), threadId: z.string(), messageId: z.string() }),
    z.object({ type: z.literal('thread.deleted'), seq: z.string(), threadId: z.string() }),
    z.object({ type: z.literal('thread.read'), seq: z.string(), threadId: z.string(), read: z.boolean() }),
    z.object({ type: z.literal('unread'), seq: z.string(), count: z.number().int() }),
    /** R47: someone read messages the receiver sent in this thread (ids only: ask for the receipts). */
    z.object({ type: z.literal('message.read'), seq: z.string(), threadId: z.string() }),
    /** R41/R42: a thread needs attention now (possible crisis, overdue) or a reminder is due. */
    z.object({
      type: z.literal('alert.raised'),
      seq: z.string(),
      threadId: z.string(),
      kind: z.enum(['crisis', 'overdue', 'reminder']),
    }),
    z.object({ type: z.literal('alert.cleared'), seq: z.string(), threadId: z.string(), kind: ThreadAlertKind }),
    /** R46: a team thread was assigned, taken or released (to its staff participants). */
    z.object({
      type: z.literal('thread.assigned'),
      seq: z.string(),
      threadId: z.string(),
      assigneeId: z.string().nullable(),
    }),
  ]),
);
export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventType = LiveEvent['type'];

/**
 * WebSocket close code of `GET /api/events` when the session ended (signed out, timed out,
 * disabled): sign in again rather than reconnecting. Upgrades without a session get HTTP 401.
 */
export const LIVE_CLOSE_SESSION_ENDED = 4401;

/**
 * WebSocket close code of `GET /api/events` when the server is shutting down or restarting
 * (1012, "Service Restart"): reconnect, with `?since=` the last seq, to another node or this one.
 */
export const LIVE_CLOSE_RECONNECT = 1012;
