import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Cursor, Id, Limit, Role, UserKind } from './common';

/**
 * Every audit action code and how it reads to a person (R32). One typed map: an action the
 * server records without a label here fails the test that walks the server's sources.
 */
export const auditActionLabels = {
  'practice.seeded': 'Practice created',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Failed to sign in',
  'auth.logout': 'Signed out',
  'auth.logout_everywhere': 'Signed out everywhere',
  'auth.mfa_enabled': 'Turned on two-step sign-in',
  'auth.mfa_disabled': 'Turned off two-step sign-in',
  'auth.password_reset_requested': 'Asked to reset their password',
  'auth.password_reset': 'Reset their password',
  'auth.invitation_accepted': 'Accepted their invitation',
  'auth.password_changed': 'Changed their password',
  'auth.passkey_added': 'Added a passkey',
  'auth.passkey_renamed': 'Renamed a passkey',
  'auth.passkey_removed': 'Removed a passkey',
  'thread.opened': 'Opened a conversation',
  'threads.searched': 'Searched their conversations',
  'thread.deleted': 'Deleted a conversation',
  'thread.exported': 'Exported a conversation',
  'thread.purged': 'Destroyed a conversation past the retention period',
  'thread.transcript_read': 'Read a conversation into a quick note',
  'thread.assigned': 'Assigned a team conversation to a colleague',
  'thread.taken': 'Took a team conversation',
  'thread.released': 'Released a team conversation',
  'records.downloaded': 'Downloaded all their messages',
  'message.sent': 'Sent a message',
  'message.deleted': 'Deleted a message',
  'saved_reply.created': 'Created a saved reply',
  'saved_reply.updated': 'Changed a saved reply',
  'saved_reply.deleted': 'Deleted a saved reply',
  'attachment.uploaded': 'Uploaded a file',
  'attachment.downloaded': 'Downloaded a file',
  'note.created': 'Saved a quick note to the chart',
  'chart_notes.viewed': 'Viewed chart notes',
  'access.viewed': 'Viewed an access report',
  'thread.joined': 'Added someone to a conversation',
  'safety.crisis.detected': 'Flagged a possible crisis',
  'safety.crisis.alerted': 'Alerted staff to a possible crisis',
  'safety.crisis.acknowledged': 'Acknowledged a possible crisis',
  'safety.overdue.handled': 'Marked a message "No reply needed"',
  'out_of_office.set': 'Set an out-of-office period',
  'out_of_office.cleared': 'Ended an out-of-office period',
  'out_of_office.replied': 'Sent an automatic out-of-office reply',
  'agreement.accepted': 'Accepted the messaging agreement',
  'admin.agreement.published': 'Published a messaging agreement',
  'safety.overdue.answered': 'Answered an overdue message',
  'safety.overdue.escalated': 'Escalated an overdue message',
  'safety.reminder.sent': 'Reminded staff of an unopened message',
  'admin.staff.invited': 'Invited a staff member',
  'admin.staff.updated': 'Changed a staff member',
  'admin.client.added': 'Added a client',
  'admin.client.invited': 'Invited a client to the portal',
  'admin.client.updated': 'Changed a client',
  'admin.care_team.updated': 'Changed a care team',
  'admin.settings.updated': 'Changed practice settings',
  'admin.audit.exported': 'Exported the audit log',
  'admin.retention.viewed': 'Viewed what retention will destroy next',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof auditActionLabels;
export const AuditAction = lazySchema(() => z.enum(Object.keys(auditActionLabels) as [AuditAction, ...AuditAction[]]));

/** How an action code reads; a code without a label (none should exist) reads as itself. */
export function auditActionLabel(action: string): string {
  return (auditActionLabels as Record<string, string>)[action] ?? action;
}

const Instant = lazySchema(() => z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()));

/**
 * `GET /api/admin/audit`: `cursor` is the `nextCursor` of the page before (JSON); CSV is every
 * event that matches. Filters: `person` (who acted), `client` (events concerning that client,
 * or done by them), `action`, and `from`/`to` (ISO instants; `to` is exclusive).
 */
export const AuditQuery = lazySchema(() =>
  z.object({
    format: z.enum(['json', 'csv']).default('json'),
    cursor: Cursor,
    limit: Limit,
    person: Id.optional(),
    client: Id.optional(),
    action: AuditAction.optional(),
    from: Instant.optional(),
    to: Instant.optional(),
  }),
);
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Someone an audit event names, resolved for the admin (never stored in plaintext). */
export const AuditPerson = lazySchema(() => z.object({ id: Id, name: z.string(), kind: UserKind, role: Role }));
export type AuditPerson = z.infer<typeof AuditPerson>;

export const AuditEvent = lazySchema(() =>
  z.object({
    id: Id,
    seq: z.number().int(),
    at: z.string(),
    actorId: Id.nullable(),
    /** Who acted, by name; null for the system (or a person no longer known). */
    actor: AuditPerson.nullable(),
    action: z.string(),
    /** The action in words ("Signed in"). */
    label: z.string(),
    /** The clients the event concerns, by name. */
    clients: z.array(AuditPerson),
    targets: z.record(z.string(), z.string()),
    ip: z.string().nullable(),
  }),
);
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditResponse = lazySchema(() =>
  z.object({ events: z.array(AuditEvent), nextCursor: z.string().nullable() }),
);
export type AuditResponse = z.infer<typeof AuditResponse>;

/** R38: `GET /api/clients/:id/access` and `GET /api/me/access`. */
export const AccessQuery = lazySchema(() => z.object({ cursor: Cursor, limit: Limit }));
/** R38: what counts as opening a client's conversation — reading it, its transcript, a file, an export. */
export const accessActions = [
  'thread.opened',
  'thread.transcript_read',
  'attachment.downloaded',
  'thread.exported',
] as const satisfies readonly AuditAction[];

export const AccessEntry = lazySchema(() =>
  z.object({
    who: z.object({ id: Id, name: z.string(), role: Role }),
    at: z.string(),
    threadId: Id,
    /** How it was opened (one of `accessActions`); reads in words through `auditActionLabels`. */
    action: z.enum(accessActions),
    /** Where from: given to staff only, never to the client about themselves. */
    ip: z.string().nullable().optional(),
  }),
);
export type AccessEntry = z.infer<typeof AccessEntry>;
export const AccessResponse = lazySchema(() =>
  z.object({ entries: z.array(AccessEntry), nextCursor: z.string().nullable() }),
);
export type AccessResponse = z.infer<typeof AccessResponse>;
