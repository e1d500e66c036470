/**
 * TanStack Query keys shared by every feature, so live events can invalidate them in one place.
 * Prefixes matter: invalidating ['threads'] refreshes every folder's list.
 */
export const queryKeys = {
  me: ['me'] as const,
  unread: ['unread'] as const,
  threads: (folder: string) => ['threads', folder] as const,
  allThreads: ['threads'] as const,
  thread: (id: string) => ['thread', id] as const,
  /** R47: under the thread's key, so whatever refreshes a thread refreshes its receipts. */
  receipts: (threadId: string) => ['thread', threadId, 'receipts'] as const,
  savedReplies: ['saved-replies'] as const,
  drafts: ['drafts'] as const,
  draft: (id: string) => ['drafts', id] as const,
  recipients: (q: string) => ['recipients', q] as const,
  search: (q: string) => ['threads', 'search', q] as const,
  /** R46: under ['threads'], so whatever refreshes the folders refreshes the team view too. */
  team: (team: string, view: string) => ['threads', 'team', team, view] as const,
  clientNotes: (clientId: string) => ['notes', clientId] as const,
  access: (clientId: string) => ['access', clientId] as const,
  admin: (what: string) => ['admin', what] as const,
  passkeys: ['account', 'passkeys'] as const,
  accountSessions: ['account', 'sessions'] as const,
  outOfOffice: (memberId: string) => ['out-of-office', memberId] as const,
  agreement: ['agreement'] as const,
  clientAgreement: (clientId: string) => ['agreement', 'client', clientId] as const,
};
