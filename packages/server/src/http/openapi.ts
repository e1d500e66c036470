import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { errorStatus, type ErrorCode } from '@confide/api';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** What the OpenAPI document says of an operation beyond its route's schema. */
interface Operation {
  readonly id: string;
  readonly summary: string;
  /** The success status when it is not 200 (SPEC §3: creating answers 201, deleting 204). */
  readonly status?: 201 | 202 | 204;
  /** Error codes particular to this operation, besides the ones every operation of its kind has. */
  readonly errors?: readonly ErrorCode[];
}

const SEND_ERRORS: readonly ErrorCode[] = [
  'subject_required',
  'body_too_short',
  'body_too_long',
  'recipient_not_allowed',
  'client_inactive',
  'agreement_required',
];

/**
 * Every documented operation, keyed by method and OpenAPI path. The OpenAPI lint test
 * (openapi.api.test.ts) fails while a route lacks its entry, so a new route is documented with it.
 */
const OPERATIONS: Record<string, Operation> = {
  'GET /api/practices/{slug}': { id: 'getPractice', summary: 'The public name and sign-in options of a practice' },
  'POST /api/auth/login': {
    id: 'signIn',
    summary: 'Sign in with email, password and, when enrolled, a two-factor code',
    errors: ['invalid_credentials', 'mfa_required', 'account_locked', 'rate_limited'],
  },
  'POST /api/auth/logout': { id: 'signOut', summary: 'End this session', status: 204 },
  'GET /api/me': { id: 'getMe', summary: 'The signed-in person, their practice, CSRF token and unread count' },
  'POST /api/auth/password-reset': {
    id: 'requestPasswordReset',
    summary: 'Email a password-reset link (the answer is the same whether the address exists)',
    status: 202,
    errors: ['rate_limited'],
  },
  'POST /api/auth/password-reset/confirm': {
    id: 'confirmPasswordReset',
    summary: 'Set a new password with a reset link',
    errors: ['invalid_token', 'weak_password'],
  },
  'POST /api/auth/invitation/accept': {
    id: 'acceptInvitation',
    summary: 'Accept an invitation and choose a password',
    errors: ['invalid_token', 'weak_password'],
  },
  'POST /api/auth/mfa/setup': { id: 'startMfaSetup', summary: 'Start two-factor enrolment: a new secret to scan' },
  'POST /api/auth/mfa/enable': { id: 'enableMfa', summary: 'Confirm two-factor enrolment with a first code' },
  'POST /api/auth/mfa/disable': {
    id: 'disableMfa',
    summary: 'Turn two-factor sign-in off (clients, and staff not required to use it)',
  },
  'POST /api/auth/passkey/options': {
    id: 'passkeySignInOptions',
    summary: 'Start a passkey sign-in: WebAuthn options with a one-time challenge (R53)',
    errors: ['rate_limited'],
  },
  'POST /api/auth/passkey': {
    id: 'signInWithPasskey',
    summary: 'Sign in with a passkey instead of password and code (R53)',
    errors: ['invalid_credentials', 'rate_limited'],
  },
  'GET /api/account/passkeys': { id: 'listPasskeys', summary: "The signed-in person's passkeys (R53)" },
  'POST /api/account/passkeys/options': {
    id: 'passkeyRegistrationOptions',
    summary: 'Start adding a passkey: WebAuthn options with a one-time challenge (R53)',
    errors: ['conflict'],
  },
  'POST /api/account/passkeys': {
    id: 'addPasskey',
    summary: "Add a passkey from the browser's answer to the options (R53)",
    status: 201,
    errors: ['conflict'],
  },
  'PATCH /api/account/passkeys/{id}': { id: 'renamePasskey', summary: 'Rename one of your passkeys' },
  'DELETE /api/account/passkeys/{id}': {
    id: 'removePasskey',
    summary: 'Remove one of your passkeys (not the last second factor staff must keep)',
    status: 204,
  },
  'GET /api/account/sessions': {
    id: 'listAccountSessions',
    summary: 'Where you are signed in: device, address and times (R52)',
  },
  'POST /api/account/password': {
    id: 'changePassword',
    summary: 'Change your password; the current one is required (R52)',
    status: 204,
    errors: ['invalid_credentials', 'weak_password', 'rate_limited'],
  },
  'GET /api/admin/staff': { id: 'listStaff', summary: 'The practice staff (admins)' },
  'POST /api/admin/staff': { id: 'inviteStaff', summary: 'Add a staff member, who is invited by email', status: 201 },
  'PATCH /api/admin/staff/{id}': { id: 'updateStaff', summary: "Change a staff member's role, admin right or access" },
  'GET /api/admin/clients': { id: 'listClients', summary: 'The practice clients (admins)' },
  'POST /api/admin/clients': {
    id: 'addClient',
    summary: 'Add a client, invited to the portal when asked',
    status: 201,
  },
  'PATCH /api/admin/clients/{id}': { id: 'updateClient', summary: "Change a client's name, email or status" },
  'POST /api/admin/clients/{id}/invite': {
    id: 'inviteClient',
    summary: 'Send the client a portal invitation email',
    status: 202,
  },
  'PUT /api/admin/clients/{id}/care-team': {
    id: 'setCareTeam',
    summary: "Set a client's providers and outside agents",
  },
  'GET /api/admin/settings': { id: 'getSettings', summary: 'The practice settings' },
  'PATCH /api/admin/settings': { id: 'updateSettings', summary: 'Change practice settings' },
  'GET /api/admin/audit': { id: 'listAuditEvents', summary: 'The audit log, filtered, as JSON or CSV' },
  'GET /api/recipients': { id: 'listRecipients', summary: 'Whom the signed-in person may address' },
  'GET /api/threads': { id: 'listThreads', summary: 'A folder of threads, newest first, by cursor' },
  'POST /api/threads': {
    id: 'sendMessage',
    summary: 'Start a thread: send a new message',
    status: 201,
    errors: SEND_ERRORS,
  },
  'GET /api/threads/{id}': { id: 'getThread', summary: 'A thread with its messages (opening it is audited)' },
  'PATCH /api/threads/{id}': { id: 'updateThread', summary: 'Mark a thread read or unread, archive or restore it' },
  'DELETE /api/threads/{id}': { id: 'deleteThread', summary: 'Delete a thread for good', status: 204 },
  'POST /api/threads/{id}/messages': {
    id: 'replyToThread',
    summary: 'Reply in a thread',
    status: 201,
    errors: ['body_too_short', 'body_too_long', 'reply_not_allowed', 'client_inactive', 'agreement_required'],
  },
  'GET /api/unread': { id: 'getUnreadCount', summary: 'The number of unread threads' },
  'POST /api/threads/bulk': { id: 'bulkUpdateThreads', summary: 'Apply one action to several threads' },
  'DELETE /api/messages/{id}': { id: 'deleteMessage', summary: 'Delete one message for good', status: 204 },
  'GET /api/teams/{team}/threads': {
    id: 'listTeamThreads',
    summary: "A team's threads: unassigned, the caller's own, or all (team members and admins)",
  },
  'POST /api/threads/{id}/assign': {
    id: 'assignThread',
    summary: 'Assign a team thread to a member of the team, take it (yourself) or release it (null)',
    errors: ['conflict'],
  },
  'POST /api/threads/{id}/crisis/acknowledge': {
    id: 'acknowledgeCrisis',
    summary: 'Acknowledge a thread flagged as a possible crisis',
  },
  'POST /api/threads/{id}/overdue/no-reply-needed': {
    id: 'markNoReplyNeeded',
    summary: 'Mark an overdue thread "No reply needed", which clears its Overdue mark',
  },
  'GET /api/drafts': { id: 'listDrafts', summary: "The signed-in person's drafts" },
  'POST /api/drafts': { id: 'createDraft', summary: 'Save a new draft', status: 201 },
  'PUT /api/drafts/{id}': { id: 'updateDraft', summary: 'Save a draft again' },
  'DELETE /api/drafts/{id}': { id: 'deleteDraft', summary: 'Discard a draft', status: 204 },
  'POST /api/drafts/{id}/send': { id: 'sendDraft', summary: 'Send a draft', status: 201, errors: SEND_ERRORS },
  'GET /api/threads/{id}/receipts': {
    id: 'listReceipts',
    summary: 'Whether and when each recipient read the messages the caller sent in a thread (R47)',
  },
  'GET /api/saved-replies': {
    id: 'listSavedReplies',
    summary: "The signed-in staff member's saved replies and the practice's",
  },
  'POST /api/saved-replies': {
    id: 'createSavedReply',
    summary: "Save a reply of one's own, or (admins) one of the practice's",
    status: 201,
    errors: ['body_too_long'],
  },
  'PUT /api/saved-replies/{id}': { id: 'updateSavedReply', summary: 'Change a saved reply', errors: ['body_too_long'] },
  'DELETE /api/saved-replies/{id}': { id: 'deleteSavedReply', summary: 'Delete a saved reply', status: 204 },
  'POST /api/attachments': {
    id: 'uploadAttachments',
    summary: 'Upload files to attach to a message',
    status: 201,
    errors: ['attachment_too_large', 'attachment_type_not_allowed'],
  },
  'GET /api/attachments/{id}': { id: 'downloadAttachment', summary: 'Download an attached file' },
  'GET /api/threads/{id}/quick-note': { id: 'getQuickNote', summary: 'The transcript a quick note starts from' },
  'POST /api/threads/{id}/quick-note': {
    id: 'saveQuickNote',
    summary: "Save a thread as a note in the client's chart",
    status: 201,
    errors: ['quick_note_not_allowed'],
  },
  'GET /api/clients/{id}/notes': { id: 'listClientNotes', summary: "A client's chart notes" },
  'GET /api/threads/{id}/export': { id: 'exportThread', summary: 'A thread as a PDF transcript or a FHIR R4 Bundle' },
  'GET /api/clients/{id}/access': { id: 'listClientAccess', summary: "Who opened a client's messages, and when" },
  'GET /api/search': {
    id: 'searchThreads',
    summary: 'Search my threads: subjects, message text, file names and the names of people I may see',
  },
  'GET /api/me/access': { id: 'listMyAccess', summary: 'Which staff opened my messages, and when (clients)' },
  'GET /api/me/records': {
    id: 'downloadMyRecords',
    summary: 'Every thread of mine as PDF transcripts with their files, in one ZIP (clients)',
  },
  'GET /api/admin/retention': {
    id: 'previewRetention',
    summary: 'What the next retention run will destroy, and when it runs (admins)',
  },
  'GET /api/me/out-of-office': { id: 'getMyOutOfOffice', summary: 'My out-of-office period, note and cover' },
  'PUT /api/me/out-of-office': { id: 'setMyOutOfOffice', summary: 'Set my out-of-office period, note and cover' },
  'DELETE /api/me/out-of-office': { id: 'clearMyOutOfOffice', summary: 'End my out-of-office period', status: 204 },
  'GET /api/admin/staff/{id}/out-of-office': {
    id: 'getStaffOutOfOffice',
    summary: "A staff member's out-of-office period (admins)",
  },
  'PUT /api/admin/staff/{id}/out-of-office': {
    id: 'setStaffOutOfOffice',
    summary: "Set a staff member's out-of-office period (admins)",
  },
  'DELETE /api/admin/staff/{id}/out-of-office': {
    id: 'clearStaffOutOfOffice',
    summary: "End a staff member's out-of-office period (admins)",
    status: 204,
  },
  'GET /api/agreement': { id: 'getAgreement', summary: 'The current messaging agreement and whether I accepted it' },
  'POST /api/agreement/acceptances': {
    id: 'acceptAgreement',
    summary: 'Accept the current version of the messaging agreement (clients)',
    status: 201,
  },
  'PUT /api/admin/agreement': { id: 'publishAgreement', summary: 'Publish a new version of the messaging agreement' },
  'GET /api/clients/{id}/agreement': {
    id: 'getClientAgreement',
    summary: "Which agreement version a client accepted, when, and the text's hash",
  },
  'GET /api/admin/outbox': {
    id: 'listEmailDeliveries',
    summary: 'Email deliveries: state and attempts, never content',
  },
  'GET /api/dev/mailbox': { id: 'readDevMailbox', summary: "The embedded mailbox's emails of this practice (admins)" },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Per route: the security the session guard applies — none on public routes, CSRF on changes. */
export const openApiTransform: NonNullable<FastifyDynamicSwaggerOptions['transform']> = (document) => {
  const transformed = jsonSchemaTransform(document);
  if (!transformed.schema || transformed.schema.hide) return transformed;
  const { route } = document;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const security = route.config?.public
    ? []
    : methods.every((method) => SAFE_METHODS.has(method))
      ? [{ session: [] }]
      : [{ session: [], csrf: [] }];
  return { ...transformed, schema: { ...transformed.schema, security } };
};

interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: unknown }>;
}
type OpenApiDocument = Record<string, unknown> & {
  info: { title: string; version: string; license?: { name: string; url: string } };
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], OpenApiOperation>>>;
  components?: Record<string, unknown> & { schemas?: Record<string, unknown> };
};

type FinishedDocument = ReturnType<NonNullable<FastifyDynamicSwaggerOptions['transformObject']>>;

/** The whole document: names, summaries, success statuses, error answers, servers, licence. */
export function openApiFinish(publicUrl: string): NonNullable<FastifyDynamicSwaggerOptions['transformObject']> {
  return (documentObject) => {
    const document = ('openapiObject' in documentObject ? documentObject.openapiObject : {}) as OpenApiDocument;
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const known = OPERATIONS[`${method.toUpperCase()} ${path}`];
        if (known) {
          operation.operationId = known.id;
          operation.summary = known.summary;
          if (known.status) moveSuccess(operation, known.status);
        }
        operation.responses = { ...operation.responses, ...errorResponses(path, operation, known?.errors ?? []) };
      }
    }
    const finished: OpenApiDocument = {
      ...document,
      servers: [{ url: publicUrl, description: 'This Confide server' }],
      info: { ...document.info, license: { name: 'Proprietary', url: `${publicUrl}/` } },
      components: {
        ...document.components,
        schemas: { ...document.components?.schemas, ErrorBody: errorBodySchema },
      },
    };
    // The library's OpenAPI types are stricter than this walk needs; the lint test checks the result.
    return finished as FinishedDocument;
  };
}

/** The success answer under its real status; 204 carries no body. */
function moveSuccess(operation: OpenApiOperation, status: 201 | 202 | 204): void {
  const responses = { ...operation.responses };
  const success = responses[String(status)] ?? responses['200'];
  delete responses['200'];
  const description = { 201: 'Created', 202: 'Accepted', 204: 'No content' }[status];
  responses[String(status)] =
    status === 204 || !success?.content
      ? { description }
      : { ...success, description: success.description ?? description };
  operation.responses = responses;
}

/** The error answers an operation can give, each listing its codes, all with the ErrorBody schema. */
function errorResponses(path: string, operation: OpenApiOperation, extra: readonly ErrorCode[]) {
  const isPublic = (operation.security ?? []).length === 0;
  const codes = new Set<ErrorCode>(extra);
  if (operation.requestBody || (operation.parameters ?? []).length > 0) codes.add('validation_failed');
  if (!isPublic) {
    codes.add('unauthenticated');
    codes.add('forbidden');
    if (operation.security?.some((scheme) => 'csrf' in scheme)) codes.add('csrf_failed');
  }
  if (path.includes('{')) codes.add('not_found');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  const responses: NonNullable<OpenApiOperation['responses']> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Error: ${list.join(', ')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  return responses;
}

/** SPEC §3: every error answer, with the contract's codes. */
const errorBodySchema = {
  type: 'object' as const,
  required: ['error'],
  properties: {
    error: {
      type: 'object' as const,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' as const, enum: Object.keys(errorStatus) },
        message: { type: 'string' as const },
        details: {},
      },
    },
  },
};
