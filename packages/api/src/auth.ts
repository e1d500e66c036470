import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { ClientStatus, Email, Id, Opaque, Role, UserKind } from './common';

export const Slug = lazySchema(() =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'A practice slug is lowercase letters, digits and dashes.'),
);

export const LoginRequest = lazySchema(() =>
  z.object({
    practice: Slug,
    email: Email,
    password: z.string().min(1).max(1024),
    totp: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'A two-factor code is 6 digits.')
      .optional(),
  }),
);
export type LoginRequest = z.infer<typeof LoginRequest>;

export const User = lazySchema(() =>
  z.object({
    id: Id,
    name: z.string(),
    email: z.string(),
    kind: UserKind,
    role: Role,
    admin: z.boolean(),
    /** clients: active | inactive; staff: active | disabled */
    status: z.union([ClientStatus, z.literal('disabled')]),
    mfaEnabled: z.boolean(),
  }),
);
export type User = z.infer<typeof User>;

export const PracticeInfo = lazySchema(() => z.object({ slug: z.string(), name: z.string() }));

export const LoginResponse = lazySchema(() => z.object({ user: User, csrfToken: z.string() }));
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = lazySchema(() =>
  z.object({
    user: User,
    practice: PracticeInfo.extend({
      clientLayout: z.enum(['chat', 'mail']),
      /** R26/R39: the practice's own words, or its promise in business days. */
      responseTimeText: z.string(),
      /** R39: the practice's time zone, in which reply-by times are shown. */
      timeZone: z.string(),
      minBodyLength: z.number().int(),
      idleTimeoutMinutes: z.number().int(),
      requireStaffMfa: z.boolean(),
    }),
    csrfToken: z.string(),
    unread: z.number().int(),
    /** Seconds left before the idle timeout signs this session out. */
    idleSecondsLeft: z.number().int(),
    /** Staff of a practice that requires two-factor must enrol before anything else. */
    mfaEnrollmentRequired: z.boolean(),
  }),
);
export type MeResponse = z.infer<typeof MeResponse>;

/** Public facts about a practice, for its sign-in page. */
export const PracticePublic = lazySchema(() => z.object({ slug: z.string(), name: z.string() }));
export const PracticePublicResponse = lazySchema(() => z.object({ practice: PracticePublic }));

/** A new password; its rules (R28: 12+ characters, not breached) answer `weak_password` from the server. */
export const Password = lazySchema(() => z.string().min(1).max(1024));

export const PasswordResetRequest = lazySchema(() => z.object({ practice: Slug, email: Email }));
export const PasswordResetConfirm = lazySchema(() => z.object({ token: Opaque.min(10).max(200), password: Password }));
/** Accepting an invitation: the one-time token from the email and a new password. */
export const AcceptInvitation = PasswordResetConfirm;

export const MfaSetupResponse = lazySchema(() => z.object({ secret: z.string(), otpauthUrl: z.string() }));
export const MfaEnableRequest = lazySchema(() =>
  z.object({
    totp: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  }),
);
export const MfaDisableRequest = lazySchema(() => z.object({ password: z.string().min(1).max(1024) }));
