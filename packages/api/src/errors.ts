/** Every error code the API answers with, and the HTTP status each one maps to. */
export const errorStatus = {
  validation_failed: 400,
  subject_required: 400,
  body_too_short: 400,
  body_too_long: 400,
  weak_password: 400,
  invalid_token: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  recipient_not_allowed: 403,
  client_inactive: 403,
  reply_not_allowed: 403,
  quick_note_not_allowed: 403,
  /** R43: a client must accept the practice's current messaging agreement before sending. */
  agreement_required: 403,
  not_found: 404,
  conflict: 409,
  attachment_too_large: 413,
  attachment_type_not_allowed: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  storage_full: 507,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** The sentence R9 shows where replies are off because a thread has two or more clients. */
export const REPLY_BLOCKED_MULTIPLE_CLIENTS =
  'Replies are turned off for messages sent to more than one client. Compose a new message instead.';

/**
 * What a client sees in such a thread instead (R36): the R9 sentence would tell them that other
 * clients received it, and nothing may say whether there are any.
 */
export const REPLY_BLOCKED_SHARED_MESSAGE = 'Replies are turned off for this message. Compose a new message instead.';

/** The sentence shown to an inactive client about providers (R3). */
export const REPLY_BLOCKED_INACTIVE_CLIENT =
  'Your account is inactive, so you cannot message your providers. You can still message the front office and billing staff.';
