import type { Person, Role } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import type { ThreadParticipantsTable, ThreadsTable } from '../../db/schema';
import type { Party, ThreadShape } from '../../policies/types';
import { userName } from '../accounts/users.repo';

/** A person of the practice as messaging needs them: policy fields, name and portal flag. */
export interface Member extends Party {
  nameEnc: string;
  portal: boolean;
  /** Staff who joined after the start to act on an alert (R41, R42); clients do not see them. */
  joinedFor?: string | null;
}

type MemberRow = {
  id: string;
  kind: Party['kind'];
  role: string;
  status: Party['status'];
  name_enc: string;
  portal: number;
};

function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    kind: row.kind,
    role: row.role as Role,
    status: row.status,
    nameEnc: row.name_enc,
    portal: Boolean(row.portal),
  };
}

/** The person a member is, as threads show them. */
export function personOf(cipher: PracticeCipher, member: Member): Person {
  return {
    id: member.id,
    name: userName(cipher, { id: member.id, name_enc: member.nameEnc }),
    kind: member.kind,
    role: member.role,
  };
}

/** The clients among a thread's members (ids only, e.g. for audit targets). */
export function clientIdsOf(members: readonly Party[]): string[] {
  return members.filter((m) => m.kind === 'client').map((m) => m.id);
}

/** Everyone in a practice, in one query (names stay encrypted until needed). */
export async function loadMembers(db: DbOrTx, practiceId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'kind', 'role', 'status', 'name_enc', 'portal'])
    .where('practice_id', '=', practiceId)
    .execute();
  return rows.map(toMember);
}

/** The providers of a client's care team, current or past. */
export async function loadCareTeam(db: DbOrTx, practiceId: string, clientId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('care_team')
    .select('provider_id')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .execute();
  return new Set(rows.map((r) => r.provider_id));
}

/** R37: the clients whose care team includes this external agent. */
export async function loadAgentClients(db: DbOrTx, practiceId: string, agentId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('care_team_agents')
    .select('client_id')
    .where('practice_id', '=', practiceId)
    .where('agent_id', '=', agentId)
    .execute();
  return new Set(rows.map((r) => r.client_id));
}

export type ThreadRow = ThreadsTable;
export type ParticipantRow = ThreadParticipantsTable;

/** A thread of the practice, or undefined (whether the caller takes part is for them to check). */
export function findThread(db: DbOrTx, practiceId: string, threadId: string): Promise<ThreadRow | undefined> {
  return db
    .selectFrom('threads')
    .selectAll()
    .where('id', '=', threadId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
}

/** A thread with the caller's own participant row, or undefined when they do not take part (or it is elsewhere). */
export async function findOwnThread(
  db: DbOrTx,
  practiceId: string,
  userId: string,
  threadId: string,
): Promise<{ thread: ThreadRow; own: ParticipantRow } | undefined> {
  const thread = await db
    .selectFrom('threads')
    .selectAll()
    .where('id', '=', threadId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  if (!thread) return undefined;
  const own = await db
    .selectFrom('thread_participants')
    .selectAll()
    .where('thread_id', '=', threadId)
    .where('user_id', '=', userId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  return own ? { thread, own } : undefined;
}

/** The participants of several threads, with their people, in one query. */
export async function loadParticipants(
  db: DbOrTx,
  practiceId: string,
  threadIds: string[],
): Promise<Map<string, Member[]>> {
  const byThread = new Map<string, Member[]>(threadIds.map((id) => [id, []]));
  if (threadIds.length === 0) return byThread;
  const rows = await db
    .selectFrom('thread_participants as tp')
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'tp.user_id').onRef('u.practice_id', '=', 'tp.practice_id'),
    )
    .select(['tp.thread_id', 'tp.joined_for', 'u.id', 'u.kind', 'u.role', 'u.status', 'u.name_enc', 'u.portal'])
    .where('tp.practice_id', '=', practiceId)
    .where('tp.thread_id', 'in', threadIds)
    .orderBy('tp.thread_id')
    .orderBy('u.id')
    .execute();
  for (const row of rows) byThread.get(row.thread_id)?.push({ ...toMember(row), joinedFor: row.joined_for });
  return byThread;
}

/** The participants as the actor sees them: clients do not see staff who joined for an alert (R41, R42). */
export function visibleTo(actor: { kind: 'staff' | 'client' }, members: Member[]): Member[] {
  return actor.kind === 'client' ? members.filter((m) => !m.joinedFor) : members;
}

/** The shape policies judge a thread by. */
export function shapeOf(thread: Pick<ThreadRow, 'created_by'>, participants: Party[]): ThreadShape {
  return { createdBy: thread.created_by, participants };
}

/**
 * The participant rows of a thread, locked on PostgreSQL so unread counters computed from
 * them stay exact under concurrent writers (SQLite has a single writer already).
 */
export async function lockParticipantRows(
  db: DbOrTx,
  dialect: 'sqlite' | 'postgres',
  practiceId: string,
  threadId: string,
) {
  const query = db
    .selectFrom('thread_participants')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .orderBy('user_id');
  return dialect === 'postgres' ? query.forUpdate().execute() : query.execute();
}

/** Attachments of several messages (or drafts), in one query. */
export async function loadAttachments(
  db: DbOrTx,
  practiceId: string,
  column: 'message_id' | 'draft_id',
  ids: string[],
) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'draft_id', 'name_enc', 'size', 'content_type', 'blob_key'])
    .where('practice_id', '=', practiceId)
    .where(column, 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A thread's messages, oldest first, each with its attachments: two queries whatever the length. */
export async function loadThreadMessages(db: DbOrTx, practiceId: string, threadId: string) {
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'sender_id', 'body_enc', 'created_at', 'expected_reply_by'])
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const attachments = await loadAttachments(
    db,
    practiceId,
    'message_id',
    rows.map((r) => r.id),
  );
  const byMessage = new Map<string, typeof attachments>();
  for (const attachment of attachments) {
    const key = attachment.message_id ?? '';
    byMessage.set(key, [...(byMessage.get(key) ?? []), attachment]);
  }
  return rows.map((row) => ({ ...row, attachments: byMessage.get(row.id) ?? [] }));
}
