import type { SearchResponse, SearchResult } from '@confide/api';
import { binding } from '../../crypto/bindings';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { PracticeCipher } from '../../crypto/keyring';
import { canSeeParticipant } from '../../policies/participants';
import { userName } from '../accounts/users.repo';
import { decodeCursor, encodeCursor, type FolderCursor } from '../threads/cursor';
import { bodyToText } from '../threads/message-body';
import type { Sender } from '../threads/sender';
import { loadAttachments, loadParticipants, visibleTo } from '../threads/threads.repo';
import { indexQueued } from './indexer';
import { nameTerm, searchTerm } from './search-index';
import { excerptAround, matchesAll, queryWords } from './words';

/** Hits per page. */
export const SEARCH_PAGE = 20;

/** A hit before it is shown: a message, or a thread found by its subject and people. */
interface Hit {
  kind: 'message' | 'thread';
  id: string;
  threadId: string;
  at: string;
}

/**
 * R44: the caller's threads searched, newest first, a page at a time. Every query word must be
 * found, each either in the message (text, attachment names) or in its thread (subject, the names
 * of the other people the caller may see — R36: never another client for a client). A thread whose
 * subject and people hold every word is one hit of its own (at its start) instead of one per
 * message, so a matching subject or name does not list the whole thread; a message is a hit when
 * it adds a word its thread lacks. Each word drives one keyset query down its postings,
 * newest first, which stops at a page whatever the mailbox's size; the pages are merged.
 */
export async function searchThreads(
  ctx: AppContext,
  actor: Sender,
  query: { q: string; cursor?: string },
): Promise<SearchResponse> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const words = queryWords(query.q);
  if (words.length === 0) return { results: [], nextCursor: null };
  const practiceId = actor.practiceId;
  const cipher = await ctx.keys.forPractice(ctx.db, practiceId);
  // Whatever was sent and is still queued for the index is indexed first: nothing committed is missed.
  await indexQueued(ctx, practiceId);
  const terms = words.map((word) => searchTerm(cipher, word));
  const people = await namedPeople(ctx, cipher, actor, words);

  const db = ctx.db;
  const bySubject = (i: number) =>
    db
      .selectFrom('search_subjects')
      .select('thread_id')
      .where('practice_id', '=', practiceId)
      .where('term', '=', terms[i] ?? '');
  const byPerson = (i: number) => {
    const q = db
      .selectFrom('thread_participants')
      .select('thread_id')
      .where('practice_id', '=', practiceId)
      .where('user_id', 'in', people[i] ?? []);
    // Staff who joined for an alert are not shown to clients (R41, R42), so they cannot be found either.
    return actor.kind === 'client' ? q.where('joined_for', 'is', null) : q;
  };
  const others = (j: number) => words.map((_, i) => i).filter((i) => i !== j);

  const lists: Promise<Hit[]>[] = [];
  for (let j = 0; j < words.length; j += 1) {
    let messages = db
      .selectFrom('search_terms as st')
      .innerJoin('thread_participants as tp', (join) =>
        join.onRef('tp.thread_id', '=', 'st.thread_id').onRef('tp.practice_id', '=', 'st.practice_id'),
      )
      .select(['st.message_id as id', 'st.thread_id as threadId', 'st.at as at'])
      .where('st.practice_id', '=', practiceId)
      .where('st.term', '=', terms[j] ?? '')
      .where('tp.user_id', '=', actor.userId);
    if (after)
      messages = messages.where((eb) => eb(eb.refTuple('st.at', 'st.message_id'), '<', eb.tuple(after.at, after.id)));
    for (const i of others(j)) {
      messages = messages.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('search_terms as s2')
              .select('s2.term')
              .where('s2.practice_id', '=', practiceId)
              .where('s2.term', '=', terms[i] ?? '')
              .whereRef('s2.at', '=', 'st.at')
              .whereRef('s2.message_id', '=', 'st.message_id'),
          ),
          eb('st.thread_id', 'in', bySubject(i)),
          ...(people[i]?.length ? [eb('st.thread_id', 'in', byPerson(i))] : []),
        ]),
      );
    }
    // When the thread's subject and people hold every word, the thread is the hit, not each message.
    messages = messages.where((eb) =>
      eb.not(
        eb.and(
          words.map((_, i) =>
            eb.or([
              eb('st.thread_id', 'in', bySubject(i)),
              ...(people[i]?.length ? [eb('st.thread_id', 'in', byPerson(i))] : []),
            ]),
          ),
        ),
      ),
    );
    lists.push(
      messages
        .orderBy('st.at', 'desc')
        .orderBy('st.message_id', 'desc')
        .limit(SEARCH_PAGE + 1)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, kind: 'message' as const }))),
    );

    let subjects = db
      .selectFrom('search_subjects as ss')
      .innerJoin('thread_participants as tp', (join) =>
        join.onRef('tp.thread_id', '=', 'ss.thread_id').onRef('tp.practice_id', '=', 'ss.practice_id'),
      )
      .select(['ss.thread_id as id', 'ss.thread_id as threadId', 'ss.at as at'])
      .where('ss.practice_id', '=', practiceId)
      .where('ss.term', '=', terms[j] ?? '')
      .where('tp.user_id', '=', actor.userId);
    if (after)
      subjects = subjects.where((eb) => eb(eb.refTuple('ss.at', 'ss.thread_id'), '<', eb.tuple(after.at, after.id)));
    for (const i of others(j)) {
      subjects = subjects.where((eb) =>
        eb.or([
          eb('ss.thread_id', 'in', bySubject(i)),
          ...(people[i]?.length ? [eb('ss.thread_id', 'in', byPerson(i))] : []),
        ]),
      );
    }
    lists.push(
      subjects
        .orderBy('ss.at', 'desc')
        .orderBy('ss.thread_id', 'desc')
        .limit(SEARCH_PAGE + 1)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, kind: 'thread' as const }))),
    );

    if (!people[j]?.length) continue;
    let threads = db
      .selectFrom('threads as t')
      .innerJoin('thread_participants as tp', (join) =>
        join.onRef('tp.thread_id', '=', 't.id').onRef('tp.practice_id', '=', 't.practice_id'),
      )
      .select(['t.id as id', 't.id as threadId', 't.created_at as at'])
      .where('t.practice_id', '=', practiceId)
      .where('tp.user_id', '=', actor.userId)
      .where('t.id', 'in', byPerson(j));
    if (after)
      threads = threads.where((eb) => eb(eb.refTuple('t.created_at', 't.id'), '<', eb.tuple(after.at, after.id)));
    for (const i of others(j)) {
      threads = threads.where((eb) =>
        eb.or([eb('t.id', 'in', bySubject(i)), ...(people[i]?.length ? [eb('t.id', 'in', byPerson(i))] : [])]),
      );
    }
    lists.push(
      threads
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(SEARCH_PAGE + 1)
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, kind: 'thread' as const }))),
    );
  }

  const merged = mergeNewestFirst((await Promise.all(lists)).flat());
  const page = merged.slice(0, SEARCH_PAGE);
  const last = page[page.length - 1];
  const nextCursor = merged.length > SEARCH_PAGE && last ? encodeCursor({ at: last.at, id: last.id }) : null;
  const results = await presentHits(ctx, cipher, actor, page, words);
  await db
    .transaction()
    .execute((tx) =>
      auditAs(tx, actor, 'threads.searched', { threadIds: [...new Set(page.map((h) => h.threadId))].join(',') }),
    );
  return { results, nextCursor };
}

/** Each hit once, newest first, ties by id — the order cursors follow. */
function mergeNewestFirst(hits: Hit[]): Hit[] {
  const seen = new Map<string, Hit>();
  for (const hit of hits) seen.set(hit.id, hit);
  return [...seen.values()].sort((a, b) => compare(b, a));
}

function compare(a: FolderCursor, b: FolderCursor): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** At most this many people matched by one query word (see namedPeople). */
const MAX_NAMED_PEOPLE = 1000;

/**
 * For each query word, the people whose name it matches among those the caller may see in a
 * thread (R36: a client only staff), the caller excepted: looked up in the name index (keyed
 * hashes of name prefixes, R31), without decrypting anyone's name.
 */
async function namedPeople(
  ctx: AppContext,
  cipher: PracticeCipher,
  actor: Sender,
  words: string[],
): Promise<string[][]> {
  return Promise.all(
    words.map(async (word) => {
      const rows = await ctx.db
        .selectFrom('search_names as n')
        .innerJoin('users as u', (join) =>
          join.onRef('u.practice_id', '=', 'n.practice_id').onRef('u.id', '=', 'n.user_id'),
        )
        .select(['u.id', 'u.kind'])
        .where('n.practice_id', '=', actor.practiceId)
        .where('n.term', '=', nameTerm(cipher, word))
        .where('n.user_id', '!=', actor.userId)
        .execute();
      // Each id is a bound parameter, several times over with several words: a prefix that matches
      // more people than this is not a name search, and only the first of them are kept.
      return rows
        .filter((person) => canSeeParticipant(actor, person))
        .slice(0, MAX_NAMED_PEOPLE)
        .map((person) => person.id);
    }),
  );
}

/** The page as the caller sees it: the subject, and an excerpt around what matched. */
async function presentHits(
  ctx: AppContext,
  cipher: PracticeCipher,
  actor: Sender,
  page: Hit[],
  words: string[],
): Promise<SearchResult[]> {
  if (page.length === 0) return [];
  const practiceId = actor.practiceId;
  const threadIds = [...new Set(page.map((h) => h.threadId))];
  const messageIds = page.filter((h) => h.kind === 'message').map((h) => h.id);
  const threads = await ctx.db
    .selectFrom('threads')
    .select(['id', 'subject_enc'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', threadIds)
    .execute();
  const subjects = new Map(threads.map((t) => [t.id, cipher.decrypt(binding('threads.subject', t.id), t.subject_enc)]));
  const messages =
    messageIds.length === 0
      ? []
      : await ctx.db
          .selectFrom('messages')
          .select(['id', 'body_enc'])
          .where('practice_id', '=', practiceId)
          .where('id', 'in', messageIds)
          .execute();
  const bodies = new Map(
    messages.map((m) => [m.id, bodyToText(cipher.decrypt(binding('messages.body', m.id), m.body_enc))]),
  );
  const files = new Map<string, string[]>();
  for (const a of await loadAttachments(ctx.db, practiceId, 'message_id', messageIds)) {
    const name = cipher.decrypt(binding('attachments.name', a.id), a.name_enc);
    files.set(a.message_id ?? '', [...(files.get(a.message_id ?? '') ?? []), name]);
  }
  const threadHits = page.filter((h) => h.kind === 'thread').map((h) => h.threadId);
  const members = await loadParticipants(ctx.db, practiceId, threadHits);
  const openings = new Map<string, string>();
  for (const threadId of new Set(threadHits)) {
    const first = await ctx.db
      .selectFrom('messages')
      .select(['id', 'body_enc'])
      .where('practice_id', '=', practiceId)
      .where('thread_id', '=', threadId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (first) openings.set(threadId, bodyToText(cipher.decrypt(binding('messages.body', first.id), first.body_enc)));
  }
  const results: SearchResult[] = [];
  for (const hit of page) {
    const subject = subjects.get(hit.threadId);
    // Deleted between the index read and now (R19): gone from the results too.
    if (subject === undefined || (hit.kind === 'message' && !bodies.has(hit.id))) continue;
    let excerpt: string;
    if (hit.kind === 'message') {
      const body = bodies.get(hit.id) ?? '';
      excerpt =
        excerptAround(body, words) ?? excerptAround((files.get(hit.id) ?? []).join(' · '), words) ?? truncate(body);
    } else {
      const names = visibleTo(actor, members.get(hit.threadId) ?? [])
        .filter((m) => m.id !== actor.userId && canSeeParticipant(actor, m))
        .map((m) => userName(cipher, { id: m.id, name_enc: m.nameEnc }))
        .filter((name) => words.some((w) => matchesAll([name], [w])));
      // Found by its subject: the subject is shown already, so the excerpt is how the thread began.
      excerpt = names.length > 0 ? `With ${names.join(', ')}` : truncate(openings.get(hit.threadId) ?? '');
    }
    results.push({ threadId: hit.threadId, subject, excerpt, at: hit.at });
  }
  return results;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 140)}…` : flat;
}
