import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { AttachmentIds, AttachmentInfo, Body, Recipient, Subject } from './threads';
import { Id } from './common';

export const DraftRequest = lazySchema(() =>
  z.object({
    threadId: Id.optional(),
    to: z.array(Recipient).max(500).optional(),
    subject: Subject.optional(),
    body: Body.optional(),
    attachmentIds: AttachmentIds,
  }),
);
export type DraftRequest = z.infer<typeof DraftRequest>;

export const Draft = lazySchema(() =>
  z.object({
    id: Id,
    threadId: Id.nullable(),
    to: z.array(Recipient),
    /** The names of `to`, in order (a group by its name), so the Drafts list says whom a draft is for. */
    toNames: z.array(z.string()),
    subject: z.string(),
    body: z.string(),
    attachments: z.array(AttachmentInfo),
    updatedAt: z.string(),
  }),
);
export type Draft = z.infer<typeof Draft>;

export const DraftResponse = lazySchema(() => z.object({ draft: Draft }));
export const DraftsResponse = lazySchema(() => z.object({ drafts: z.array(Draft) }));
