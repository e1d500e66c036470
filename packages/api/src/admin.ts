import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { ClientStatus, Cursor, Email, Id, Name, StaffRole } from './common';
import { RetentionYears } from './records';
import { ClosedDays, defaultHours, TimeZone, WeeklyHours } from './hours';
import { CrisisWords, defaultCrisisWords, EscalationGroup } from './safety';
import { TextLine } from './text';

/** R48: whole minutes, 0 (off) to one day. */
export const NotificationMinutes = lazySchema(() => z.number().int().min(0).max(1440));

export const PracticeSettings = lazySchema(() =>
  z.object({
    requireStaffMfa: z.boolean(),
    minBodyLength: z.number().int().min(1).max(1000),
    idleTimeoutMinutes: z.number().int().min(1).max(720),
    clientLayout: z.enum(['chat', 'mail']),
    /** R26/R39: the disclaimer's response time; null states `responseBusinessDays` ("2 business days"). */
    responseTimeText: TextLine.min(1).max(200).nullable(),
    notificationText: TextLine.min(1).max(500),
    /** R42: the words of crisis checked in every client message. */
    crisisWords: CrisisWords,
    /** R41/R42: who is alerted besides a thread's own staff. */
    escalationGroup: EscalationGroup,
    /** R51: years messages are kept; null (the default) keeps them. */
    retentionYears: RetentionYears,
    /** R39: the practice's time zone, weekly hours and closed days, and the promise made to clients. */
    timeZone: TimeZone,
    hours: WeeklyHours,
    closedDays: ClosedDays,
    responseBusinessDays: z.number().int().min(1).max(30),
    /** R41: an unopened client message reminds its staff after this many business hours. */
    reminderBusinessHours: z.number().int().min(1).max(200),
    /** R48: a new-message email waits this long and goes only if the message is still unread. */
    notificationDelayMinutes: NotificationMinutes,
    /** R48: at most one new-message email per person per this many minutes, while unread ones remain. */
    notificationDigestMinutes: NotificationMinutes,
    /** R47: clients see whether and when their messages were read (staff always do). */
    clientReadReceipts: z.boolean(),
  }),
);
export type PracticeSettings = z.infer<typeof PracticeSettings>;

export const defaultSettings: PracticeSettings = {
  requireStaffMfa: true,
  minBodyLength: 10,
  idleTimeoutMinutes: 15,
  clientLayout: 'chat',
  responseTimeText: null,
  notificationText: 'You have a new secure message waiting in your portal. Sign in to read it.',
  crisisWords: defaultCrisisWords,
  escalationGroup: 'front_office',
  retentionYears: null,
  timeZone: 'America/New_York',
  hours: defaultHours,
  closedDays: [],
  responseBusinessDays: 2,
  reminderBusinessHours: 4,
  notificationDelayMinutes: 0,
  notificationDigestMinutes: 0,
  clientReadReceipts: false,
};

export const SettingsPatch = lazySchema(() => PracticeSettings.partial());

// Every request reads its practice's settings: each stored form is parsed once.
const parsedSettings = new Map<string, PracticeSettings>();

/** A practice's settings as stored (JSON of a partial object) read over the defaults of SPEC §4. */
export function parseSettings(stored: string): PracticeSettings {
  let settings = parsedSettings.get(stored);
  if (!settings) {
    const parsed = SettingsPatch.safeParse(JSON.parse(stored));
    settings = { ...defaultSettings, ...(parsed.success ? parsed.data : {}) };
    // A few practices per process: a full cache means churn, so start over rather than grow.
    if (parsedSettings.size >= 1000) parsedSettings.clear();
    parsedSettings.set(stored, settings);
  }
  return { ...settings };
}

export const SettingsResponse = lazySchema(() => z.object({ settings: PracticeSettings }));

export const StaffMember = lazySchema(() =>
  z.object({
    id: Id,
    name: z.string(),
    email: z.string(),
    role: StaffRole,
    admin: z.boolean(),
    disabled: z.boolean(),
    mfaEnabled: z.boolean(),
    /** Invited by email and not signed up yet (no password set). */
    invited: z.boolean(),
  }),
);
export type StaffMember = z.infer<typeof StaffMember>;

export const CreateStaffRequest = lazySchema(() =>
  z.object({
    name: Name,
    email: Email,
    role: StaffRole,
    admin: z.boolean().optional(),
  }),
);
export const PatchStaffRequest = lazySchema(() =>
  z.object({
    role: StaffRole.optional(),
    admin: z.boolean().optional(),
    disabled: z.boolean().optional(),
    name: Name.optional(),
  }),
);
export const StaffListResponse = lazySchema(() => z.object({ staff: z.array(StaffMember) }));
export const StaffMemberResponse = lazySchema(() => z.object({ member: StaffMember }));

/** One member of a client's care team: a provider (current or past) or an external agent (R37, always current). */
export const CareTeamEntry = lazySchema(() =>
  z.object({
    id: Id,
    name: z.string(),
    role: z.enum(['provider', 'external_agent']),
    status: z.enum(['current', 'past']),
  }),
);
export type CareTeamEntry = z.infer<typeof CareTeamEntry>;
export const ClientRecord = lazySchema(() =>
  z.object({
    id: Id,
    name: z.string(),
    email: z.string(),
    status: ClientStatus,
    portal: z.boolean(),
    /** Invited to the portal and not signed up yet (no password set). */
    invited: z.boolean(),
    careTeam: z.array(CareTeamEntry),
  }),
);
export type ClientRecord = z.infer<typeof ClientRecord>;

export const CreateClientRequest = lazySchema(() =>
  z.object({
    name: Name,
    email: Email,
    status: ClientStatus.optional(),
    portal: z.boolean().optional(),
  }),
);
export const PatchClientRequest = lazySchema(() =>
  z.object({
    status: ClientStatus.optional(),
    name: Name.optional(),
    email: Email.optional(),
  }),
);
export const ClientsResponse = lazySchema(() => z.object({ clients: z.array(ClientRecord) }));
export const ClientResponse = lazySchema(() => z.object({ client: ClientRecord }));

export const CareTeamRequest = lazySchema(() =>
  z.object({
    providers: z.array(z.object({ id: Id, status: z.enum(['current', 'past']) })).max(100),
    /** R37: the external agents who may reach this client. Left out, the agents stay as they are. */
    externalAgents: z
      .array(z.object({ id: Id }))
      .max(100)
      .optional(),
  }),
);
export const CareTeamResponse = lazySchema(() => z.object({ careTeam: z.array(CareTeamEntry) }));

export const OutboxQuery = lazySchema(() => z.object({ cursor: Cursor }));
export const OutboxEntry = lazySchema(() =>
  z.object({
    id: Id,
    kind: z.string(),
    recipientId: Id.nullable(),
    state: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    nextAttemptAt: z.string().nullable(),
    sentAt: z.string().nullable(),
  }),
);
export const OutboxResponse = lazySchema(() =>
  z.object({ deliveries: z.array(OutboxEntry), nextCursor: z.string().nullable() }),
);
export type OutboxResponse = z.infer<typeof OutboxResponse>;

export const DevMailboxQuery = lazySchema(() => z.object({ to: TextLine.max(254).optional() }));
export const DevEmail = lazySchema(() =>
  z.object({
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    sentAt: z.string(),
  }),
);
export const DevMailboxResponse = lazySchema(() => z.object({ emails: z.array(DevEmail) }));
