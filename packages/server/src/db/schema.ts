/**
 * Table types for Kysely. Portable across SQLite and PostgreSQL: booleans are integers 0/1,
 * times are ISO-8601 UTC strings (fixed width, so they sort as text), ids are UUIDv7 text.
 * Columns ending in `_enc` hold envelope ciphertext (see crypto/envelope.ts), never plaintext.
 */
type Flag = number;

export interface PracticesTable {
  id: string;
  slug: string;
  name: string;
  settings: string;
  created_at: string;
}

export interface PracticeKeysTable {
  id: string;
  practice_id: string;
  purpose: 'data' | 'index';
  wrapped: string;
  master_key_id: string;
  active: Flag;
  created_at: string;
}

export interface UsersTable {
  id: string;
  practice_id: string;
  kind: 'staff' | 'client';
  role: 'provider' | 'front_office' | 'biller' | 'external_agent' | 'client';
  admin: Flag;
  status: 'active' | 'inactive' | 'disabled';
  name_enc: string;
  email_enc: string;
  email_lookup: string;
  password_hash: string | null;
  totp_secret_enc: string | null;
  mfa_enabled: Flag;
  portal: Flag;
  invited_at: string | null;
  /** The TOTP time step of the last code accepted: a code at or before it is refused (R28). */
  totp_last_step: number | null;
  unread_count: number;
  created_at: string;
  updated_at: string;
}

export interface CareTeamTable {
  practice_id: string;
  client_id: string;
  provider_id: string;
  status: 'current' | 'past';
  updated_at: string;
}

/** R37: an external agent on a client's care team. */
export interface CareTeamAgentsTable {
  practice_id: string;
  client_id: string;
  agent_id: string;
  added_at: string;
}

export interface SessionsTable {
  id: string;
  practice_id: string;
  user_id: string;
  csrf_token: string;
  mfa_verified: Flag;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  /** "Chrome on Windows": a short label from the User-Agent, for the Account page (R52). */
  device: string | null;
}

/** A WebAuthn credential (R53): its public key and signature counter; the name is encrypted. */
export interface PasskeysTable {
  id: string;
  practice_id: string;
  user_id: string;
  /** base64url, as the authenticator gives it */
  credential_id: string;
  /** the COSE public key, base64url */
  public_key: string;
  counter: number;
  /** JSON array of transport hints */
  transports: string;
  name_enc: string;
  created_at: string;
  last_used_at: string | null;
}

/** A WebAuthn challenge awaiting its answer: the id is the SHA-256 of the challenge. */
export interface WebauthnChallengesTable {
  id: string;
  practice_id: string;
  /** who registers; null for a sign-in, where the passkey names the person */
  user_id: string | null;
  purpose: 'register' | 'sign_in';
  expires_at: string;
}

export interface TokensTable {
  id: string;
  practice_id: string;
  user_id: string;
  purpose: 'reset' | 'invite';
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface ThreadsTable {
  id: string;
  practice_id: string;
  subject_enc: string;
  created_by: string;
  created_at: string;
  last_message_at: string;
  client_count: number;
  staff_count: number;
  has_attachments: Flag;
  /** R46: the team a client wrote to (`front_office` | `billing`), or null for any other thread. */
  team: 'front_office' | 'billing' | null;
  /** R46: the team member the thread is assigned to (a participant), or null. */
  assigned_to: string | null;
}

export interface ThreadParticipantsTable {
  thread_id: string;
  user_id: string;
  practice_id: string;
  /** someone else wrote to me in this thread (Inbox) */
  has_incoming: Flag;
  /** I wrote in this thread (Sent) */
  has_sent: Flag;
  archived: Flag;
  unread: Flag;
  last_activity_at: string;
  /** R41/R42: the escalation group joined for this reason; clients do not see them in the thread. */
  joined_for: string | null;
}

export interface MessagesTable {
  id: string;
  thread_id: string;
  practice_id: string;
  sender_id: string;
  body_enc: string;
  created_at: string;
  has_attachments: Flag;
  /** R39: when a reply is promised by (client messages only). */
  expected_reply_by: string | null;
}

export interface AttachmentsTable {
  id: string;
  practice_id: string;
  uploader_id: string;
  message_id: string | null;
  draft_id: string | null;
  name_enc: string;
  size: number;
  content_type: string;
  blob_key: string;
  created_at: string;
  /** R49: hex SHA-256 of the plaintext; null for files uploaded before it was recorded. */
  sha256?: string | null;
}

export interface DraftsTable {
  id: string;
  practice_id: string;
  user_id: string;
  thread_id: string | null;
  recipients: string;
  subject_enc: string;
  body_enc: string;
  created_at: string;
  updated_at: string;
}

export interface ChartNotesTable {
  id: string;
  practice_id: string;
  client_id: string;
  author_id: string;
  thread_id: string | null;
  content_enc: string;
  created_at: string;
}

export interface AuditEventsTable {
  id: string;
  practice_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  targets: string;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  practice_id: string;
  seq: number;
  hash: string;
}

/** An audit event committed with what it records, not yet linked into its practice's chain (PostgreSQL). */
export interface AuditPendingTable {
  id: string;
  practice_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  targets: string;
  ip: string | null;
}

/** Which clients an audit event concerns (ids only; derived from the event's targets). */
export interface AuditClientsTable {
  practice_id: string;
  client_id: string;
  seq: number;
  action: string;
}

/** A signed checkpoint of a practice's audit chain head (also kept outside the database). */
export interface AuditCheckpointsTable {
  practice_id: string;
  seq: number;
  hash: string;
  at: string;
  node: string;
  sig: string;
}

export interface OutboxTable {
  id: string;
  practice_id: string;
  kind: 'email';
  template: 'new_message' | 'invite' | 'reset' | 'crisis_alert' | 'reply_reminder' | 'overdue_alert';
  recipient_id: string;
  payload_enc: string | null;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** R41/R42: an alert on a thread (possible crisis, overdue) until acknowledged or cleared. */
export interface ThreadAlertsTable {
  id: string;
  practice_id: string;
  thread_id: string;
  message_id: string;
  kind: 'crisis' | 'overdue';
  raised_at: string;
  cleared_at: string | null;
  cleared_by: string | null;
}

/** R41: a reminder or escalation due at a time; claimed with SKIP LOCKED, done once. */
export interface SafetyJobsTable {
  id: string;
  practice_id: string;
  thread_id: string;
  message_id: string;
  kind: 'reminder' | 'escalation';
  due_at: string;
  /** `failed`: the job threw and was set aside so it cannot block the queue. */
  state: 'pending' | 'done' | 'cancelled' | 'failed';
  created_at: string;
  done_at: string | null;
}

/** R40: a staff member's out-of-office period and the colleague who covers it. */
export interface OutOfOfficeTable {
  id: string;
  practice_id: string;
  user_id: string;
  starts_at: string;
  /** When they are back. */
  ends_at: string;
  note_enc: string;
  covering_id: string;
  set_by: string;
  created_at: string;
}

/** R40: an automatic reply in a thread, from the practice; unique per (period, thread). */
export interface AutoRepliesTable {
  id: string;
  practice_id: string;
  thread_id: string;
  period_id: string;
  away_id: string;
  covering_id: string;
  back_at: string;
  note_enc: string;
  created_at: string;
}

/** R43: one published version of the practice's messaging agreement (the text is not PHI). */
export interface AgreementVersionsTable {
  id: string;
  practice_id: string;
  version: number;
  text: string;
  /** SHA-256 of the text, hex. */
  text_hash: string;
  published_by: string;
  published_at: string;
}

/** R43: a client's acceptance of one version. */
export interface AgreementAcceptancesTable {
  id: string;
  practice_id: string;
  client_id: string;
  version: number;
  text_hash: string;
  accepted_at: string;
}

export interface EventsTable {
  seq: string;
  practice_id: string;
  user_id: string;
  type: string;
  payload: string;
  created_at: string;
}

/** Failed sign-ins per practice and email lookup hash, whether or not the email has an account (R28). */
export interface LoginFailuresTable {
  practice_id: string;
  email_lookup: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

/** Rate-limit counters every node shares: hits of one key in the window that began at window_start. */
export interface RateLimitsTable {
  key: string;
  window_start: string;
  hits: number;
}

/**
 * A daily job of one practice and day (R51): queued by the first node whose clock reaches the
 * run time (the key makes it once), claimed batch by batch `FOR UPDATE SKIP LOCKED`, finished
 * with a `result` tally.
 */
export interface JobRunsTable {
  practice_id: string;
  job: string;
  day: string;
  claimed_at: string;
  finished_at: string | null;
  result: string | null;
}

/**
 * R44: a keyed hash of a normalised word prefix (never the word) in a message's text or
 * attachment names; `at` is the message's time, so a term's postings read newest first.
 */
export interface SearchTermsTable {
  practice_id: string;
  term: string;
  at: string;
  message_id: string;
  thread_id: string;
}

/** R44: a keyed hash of a normalised word prefix of a thread's subject; `at`: when it started. */
export interface SearchSubjectsTable {
  practice_id: string;
  term: string;
  at: string;
  thread_id: string;
}

/** R44: the practice's messages from before the index have been indexed. */
/** R44: a keyed hash of a normalised prefix of a word of a person's name. */
export interface SearchNamesTable {
  practice_id: string;
  term: string;
  user_id: string;
}

/** R44: a sent message waiting to be indexed (after its commit, in a batch). */
export interface SearchQueueTable {
  practice_id: string;
  message_id: string;
  thread_id: string;
}

export interface SearchBackfillTable {
  practice_id: string;
  finished_at: string;
}

/** R48: a new-message email for a person and thread, waiting for its time (delay or digest). */
export interface PendingNoticesTable {
  practice_id: string;
  recipient_id: string;
  thread_id: string;
  due_at: string;
  created_at: string;
}

/** R48: when a person was last emailed about new messages; the row a notices round locks for them. */
export interface NoticeDigestsTable {
  practice_id: string;
  recipient_id: string;
  last_emailed_at: string | null;
}

/** R45: a saved reply — a staff member's own (`owner_id`), or the practice's (`owner_id` null). */
export interface SavedRepliesTable {
  id: string;
  practice_id: string;
  owner_id: string | null;
  title_enc: string;
  body_enc: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/**
 * R47: a participant read the thread up to a message (`through_at`, `through_id`, in the thread's
 * order) at `read_at` (null: read before receipts existed, time unknown). Written when an unread
 * thread is read, not per message; receipts are derived from these rows.
 */
export interface ThreadReadsTable {
  practice_id: string;
  thread_id: string;
  user_id: string;
  through_at: string;
  through_id: string;
  read_at: string | null;
}

export interface Database {
  practices: PracticesTable;
  practice_keys: PracticeKeysTable;
  users: UsersTable;
  care_team: CareTeamTable;
  care_team_agents: CareTeamAgentsTable;
  sessions: SessionsTable;
  passkeys: PasskeysTable;
  webauthn_challenges: WebauthnChallengesTable;
  tokens: TokensTable;
  threads: ThreadsTable;
  thread_participants: ThreadParticipantsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  drafts: DraftsTable;
  chart_notes: ChartNotesTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  audit_pending: AuditPendingTable;
  audit_clients: AuditClientsTable;
  audit_checkpoints: AuditCheckpointsTable;
  outbox: OutboxTable;
  events: EventsTable;
  thread_alerts: ThreadAlertsTable;
  safety_jobs: SafetyJobsTable;
  out_of_office: OutOfOfficeTable;
  auto_replies: AutoRepliesTable;
  agreement_versions: AgreementVersionsTable;
  agreement_acceptances: AgreementAcceptancesTable;
  login_failures: LoginFailuresTable;
  rate_limits: RateLimitsTable;
  job_runs: JobRunsTable;
  search_terms: SearchTermsTable;
  search_subjects: SearchSubjectsTable;
  search_backfill: SearchBackfillTable;
  search_queue: SearchQueueTable;
  search_names: SearchNamesTable;
  pending_notices: PendingNoticesTable;
  notice_digests: NoticeDigestsTable;
  saved_replies: SavedRepliesTable;
  thread_reads: ThreadReadsTable;
}
