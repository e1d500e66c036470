import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Id, Person } from './common';

/** R47: whether (and when) one recipient read a message; `readAt` null with `read`: before receipts existed. */
export const Receipt = lazySchema(() =>
  z.object({ recipient: Person, read: z.boolean(), readAt: z.string().nullable() }),
);
export type Receipt = z.infer<typeof Receipt>;

export const MessageReceipts = lazySchema(() => z.object({ messageId: Id, receipts: z.array(Receipt) }));
export type MessageReceipts = z.infer<typeof MessageReceipts>;

/**
 * `GET /api/threads/:id/receipts`: the receipts of the messages the caller sent in the thread.
 * `shown` is false for a client of a practice that keeps receipts from clients (`clientReadReceipts`).
 */
export const ReceiptsResponse = lazySchema(() => z.object({ shown: z.boolean(), messages: z.array(MessageReceipts) }));
export type ReceiptsResponse = z.infer<typeof ReceiptsResponse>;
