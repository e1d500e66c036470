import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Id, Person } from './common';
import { TextLine } from './text';

const Instant = lazySchema(() => z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()));

/**
 * R40: `PUT /api/me/out-of-office` (staff) and `PUT /api/admin/staff/:id/out-of-office` (admins,
 * for a member): the period (`endsAt` is when they are back), a short note shown in the automatic
 * reply, and the colleague who covers their messages meanwhile.
 */
export const OutOfOfficeRequest = lazySchema(() =>
  z.object({
    startsAt: Instant,
    endsAt: Instant,
    note: TextLine.max(300).default(''),
    coveringId: Id,
  }),
);
export type OutOfOfficeRequest = z.input<typeof OutOfOfficeRequest>;

export const OutOfOffice = lazySchema(() =>
  z.object({
    id: Id,
    startsAt: z.string(),
    endsAt: z.string(),
    note: z.string(),
    covering: Person,
    /** Whether the period is running now (false: it lies ahead). */
    isActive: z.boolean(),
  }),
);
export type OutOfOffice = z.infer<typeof OutOfOffice>;

/** The member's current or next period; null when none is set. */
export const OutOfOfficeResponse = lazySchema(() => z.object({ outOfOffice: OutOfOffice.nullable() }));

/** R40: a staff member who is away now, as those about to write to them see it. */
export const AwayStatus = lazySchema(() => z.object({ until: z.string(), coveringName: z.string() }));
export type AwayStatus = z.infer<typeof AwayStatus>;

/**
 * R40: the automatic reply a client got in a thread because a staff member of it is away. It
 * comes from the practice, not from the person: it is not a message (it never counts as a staff
 * reply, R41), and every participant sees it in its place in the conversation.
 */
export const AutoReply = lazySchema(() =>
  z.object({
    id: Id,
    createdAt: z.string(),
    awayName: z.string(),
    until: z.string(),
    coveringName: z.string(),
    note: z.string(),
  }),
);
export type AutoReply = z.infer<typeof AutoReply>;
