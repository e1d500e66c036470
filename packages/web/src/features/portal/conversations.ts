import type { Person, ThreadSummary } from '@confide/api';

/**
 * A chat with one person: every 1:1 thread between the client and that staff member, and the
 * threads they share with the client and other staff (their words there belong on their card too).
 */
export interface Conversation {
  person: Person;
  threads: ThreadSummary[];
  sharedThreads: ThreadSummary[];
  lastMessageAt: string;
  unread: boolean;
}

/** What the Messages screen shows: 1:1 conversations by person, and threads with several people. */
export interface ConversationIndex {
  conversations: Conversation[];
  groupThreads: ThreadSummary[];
}

/** Merges thread lists from several folders by id (the same thread can be in Inbox and Sent). */
export function mergeThreads(...lists: ThreadSummary[][]): ThreadSummary[] {
  const byId = new Map<string, ThreadSummary>();
  for (const list of lists) {
    for (const thread of list) {
      const known = byId.get(thread.id);
      // Unread wins: a thread is unread if any folder says so.
      byId.set(thread.id, known ? { ...thread, unread: known.unread || thread.unread } : thread);
    }
  }
  return [...byId.values()].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
}

/**
 * The other person of a 1:1 thread, or null when the thread has more than two participants.
 * Folder rows list only the others; thread details list everyone — both shapes work.
 */
export function counterpartOf(thread: Pick<ThreadSummary, 'participants'>, meId: string): Person | null {
  const others = thread.participants.filter((p) => p.id !== meId);
  return others.length === 1 ? (others[0] ?? null) : null;
}

/**
 * Groups threads into conversations (newest first) and group threads. A group thread also joins
 * the conversation of each staff member in it, so a provider's words there are found on their card.
 */
export function indexConversations(threads: ThreadSummary[], meId: string): ConversationIndex {
  const byPerson = new Map<string, Conversation>();
  const groupThreads: ThreadSummary[] = [];
  const join = (person: Person, thread: ThreadSummary, isShared: boolean) => {
    let known = byPerson.get(person.id);
    if (!known) {
      known = { person, threads: [], sharedThreads: [], lastMessageAt: thread.lastMessageAt, unread: false };
      byPerson.set(person.id, known);
    }
    (isShared ? known.sharedThreads : known.threads).push(thread);
    if (thread.lastMessageAt > known.lastMessageAt) known.lastMessageAt = thread.lastMessageAt;
    known.unread ||= thread.unread;
  };
  for (const thread of threads) {
    const person = counterpartOf(thread, meId);
    if (person) {
      join(person, thread, false);
      continue;
    }
    groupThreads.push(thread);
    for (const other of thread.participants) if (other.id !== meId && other.kind === 'staff') join(other, thread, true);
  }
  const conversations = [...byPerson.values()].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
  return { conversations, groupThreads };
}

/** The thread a new chat message goes to: the newest 1:1 thread that still takes replies. */
export function replyTarget(conversation: Conversation | undefined): ThreadSummary | undefined {
  if (!conversation) return undefined;
  return [...conversation.threads]
    .filter((t) => t.canReply)
    .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt))[0];
}

const roleWords: Record<Person['role'], string> = {
  provider: 'Provider',
  front_office: 'Front office',
  biller: 'Billing',
  external_agent: 'Care partner',
  client: 'Client',
};

/** How a staff member's role is named to a client. */
export function roleLabel(role: Person['role']): string {
  return roleWords[role];
}
