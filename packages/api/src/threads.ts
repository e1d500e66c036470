import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Cursor, Id, Limit, Person } from './common';
import { AutoReply, AwayStatus } from './out-of-office';
import { ThreadAlertKind } from './safety';
import { Team, TeamAssignment } from './teams';
import { TextBlock, TextLine } from './text';

export const AttachmentInfo = lazySchema(() =>
  z.object({
    id: Id,
    name: z.string(),
    size: z.number().int(),
    type: z.string(),
  }),
);
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

export const Group = lazySchema(() => z.enum(['front_office', 'providers', 'external_agents']));
export type Group = z.infer<typeof Group>;

export const groupNames: Record<Group, string> = {
  front_office: 'All front office',
  providers: 'All therapists',
  external_agents: 'All external agents',
};

export const RecipientsQuery = lazySchema(() => z.object({ q: TextLine.max(200).optional() }));
export const RecipientsResponse = lazySchema(() =>
  z.object({
    recipients: z.array(
      Person.extend({
        available: z.boolean(),
        unavailableReason: z.string().optional(),
        /** Set on an inactive client, so staff see it in the To list (R3). */
        status: z.literal('inactive').optional(),
        /** R40: a staff member who is out of office now: until when, and who sees their messages. */
        away: AwayStatus.optional(),
      }),
    ),
    groups: z.array(z.object({ id: Group, name: z.string() })),
    /** R46: the teams this person may write to as a whole (clients: Front office and Billing). */
    teams: z.array(z.object({ id: Team, name: z.string() })),
  }),
);
export type RecipientsResponse = z.infer<typeof RecipientsResponse>;

/** `crisis` and `overdue` list the threads with that open alert (R41, R42; staff only). */
export const Folder = lazySchema(() => z.enum(['inbox', 'sent', 'archive', 'crisis', 'overdue']));
export type Folder = z.infer<typeof Folder>;

export const ThreadsQuery = lazySchema(() =>
  z.object({ folder: Folder.default('inbox'), cursor: Cursor, limit: Limit }),
);

export const ThreadSummary = lazySchema(() =>
  z.object({
    id: Id,
    subject: z.string(),
    participants: z.array(Person),
    lastMessageAt: z.string(),
    unread: z.boolean(),
    archived: z.boolean(),
    hasAttachments: z.boolean(),
    canReply: z.boolean(),
    canDelete: z.boolean(),
    /** Open alerts on the thread (R41, R42); staff only. */
    alerts: z.array(ThreadAlertKind).optional(),
    /** R40: the away colleagues whose messages in this thread the caller covers; staff only, when any. */
    coveringFor: z.array(Person).optional(),
    /** R46: a team thread's team and assignee; staff only. */
    team: TeamAssignment.optional(),
  }),
);
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const ThreadsResponse = lazySchema(() =>
  z.object({ threads: z.array(ThreadSummary), nextCursor: z.string().nullable() }),
);
export type ThreadsResponse = z.infer<typeof ThreadsResponse>;

/** A person, a staff group (R1), or a team a client writes to as a whole (R46; one per message). */
export const Recipient = lazySchema(() =>
  z.union([z.object({ userId: Id }), z.object({ group: Group }), z.object({ team: Team })]),
);
export type Recipient = z.infer<typeof Recipient>;

/** R4 (1–200 characters after trimming) is checked by the server, which answers `subject_required`. */
export const Subject = lazySchema(() => TextLine.max(1000));
/** Rich text (R5); the server sanitizes it and counts its visible characters. */
export const Body = lazySchema(() => TextBlock.max(200_000));
export const AttachmentIds = lazySchema(() => z.array(Id).max(100).optional());

export const CreateThreadRequest = lazySchema(() =>
  z.object({
    to: z.array(Recipient).min(1).max(500),
    /** Required: a missing or blank subject answers 400 `subject_required` (R4), not a generic failure. */
    subject: Subject.optional(),
    body: Body,
    attachmentIds: AttachmentIds,
  }),
);
export type CreateThreadRequest = z.infer<typeof CreateThreadRequest>;

export const Message = lazySchema(() =>
  z.object({
    id: Id,
    threadId: Id,
    sender: Person,
    body: z.string(),
    createdAt: z.string(),
    attachments: z.array(AttachmentInfo),
    canDelete: z.boolean(),
    /** R39: when a reply is promised by (client messages). */
    expectedReplyBy: z.string().nullable().optional(),
  }),
);
export type Message = z.infer<typeof Message>;

export const ThreadDetail = lazySchema(() =>
  z.object({
    id: Id,
    subject: z.string(),
    participants: z.array(Person),
    messages: z.array(Message),
    unread: z.boolean(),
    archived: z.boolean(),
    canReply: z.boolean(),
    replyBlockedReason: z.string().nullable(),
    canQuickNote: z.boolean(),
    canDelete: z.boolean(),
    createdBy: Id,
    /** Open alerts on the thread (R41, R42); staff only. */
    alerts: z.array(ThreadAlertKind).optional(),
    /** R40: the automatic out-of-office replies in this thread, in time order (when any). */
    autoReplies: z.array(AutoReply).optional(),
    /** R40: the away colleagues whose messages in this thread the caller covers; staff only, when any. */
    coveringFor: z.array(Person).optional(),
    /** R46: a team thread's team and assignee; staff only. */
    team: TeamAssignment.optional(),
  }),
);
export type ThreadDetail = z.infer<typeof ThreadDetail>;

export const ThreadResponse = lazySchema(() => z.object({ thread: ThreadDetail }));
/** A send's answer: `crisis` tells the client to show the crisis card at once (R42). */
export const SentThreadResponse = lazySchema(() => ThreadResponse.extend({ crisis: z.boolean() }));
export type ThreadResponse = z.infer<typeof ThreadResponse>;

export const ReplyRequest = lazySchema(() => z.object({ body: Body, attachmentIds: AttachmentIds }));
export type ReplyRequest = z.infer<typeof ReplyRequest>;
export const MessageResponse = lazySchema(() => z.object({ message: Message }));
export const SentMessageResponse = lazySchema(() => MessageResponse.extend({ crisis: z.boolean() }));
/** `POST /api/drafts/:id/send`: a new thread's answer or a reply's, as the draft was one or the other. */
export const SentDraftResponse = lazySchema(() => z.union([SentThreadResponse, SentMessageResponse]));

export const PatchThreadRequest = lazySchema(() =>
  z.object({ read: z.boolean().optional(), archived: z.boolean().optional() }),
);

export const BulkAction = lazySchema(() => z.enum(['read', 'unread', 'archive', 'inbox', 'delete']));
export const BulkRequest = lazySchema(() => z.object({ ids: z.array(Id).min(1).max(200), action: BulkAction }));
export const BulkResponse = lazySchema(() =>
  z.object({
    results: z.array(z.object({ id: Id, ok: z.boolean(), error: z.string().optional() })),
  }),
);
export type BulkResponse = z.infer<typeof BulkResponse>;

export const UnreadResponse = lazySchema(() => z.object({ count: z.number().int() }));

export const IdParams = lazySchema(() => z.object({ id: Id }));
