// Baseline 3: the inbox page query over bare Fastify, on the product's own database and rows,
// decrypting subjects and participant names with the practice's key — no session, policy or audit.
import Fastify from 'fastify';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openServices } from '../../packages/server/src/main.ts';
import { searchTerm } from '../../packages/server/src/modules/search/search-index.ts';
import { queryWords } from '../../packages/server/src/modules/search/words.ts';
import { binding } from '../../packages/server/src/crypto/bindings.ts';

const services = await openServices(loadConfig());
const { db, keys } = services.ctx;
const practiceId = process.env.BENCH_PRACTICE_ID ?? '';
const userId = process.env.BENCH_USER_ID ?? '';
const cipher = await keys.forPractice(db, practiceId);

/** One page of the inbox, newest first, after an optional (last_activity_at, thread_id) cursor. */
async function page(cursor: string | undefined, limit: number) {
  let query = db
    .selectFrom('thread_participants as tp')
    .innerJoin('threads as t', (join) =>
      join.onRef('t.id', '=', 'tp.thread_id').onRef('t.practice_id', '=', 'tp.practice_id'),
    )
    .select(['t.id', 't.subject_enc', 't.last_message_at', 't.has_attachments', 'tp.unread', 'tp.last_activity_at'])
    .where('tp.practice_id', '=', practiceId)
    .where('tp.user_id', '=', userId)
    .where('tp.archived', '=', 0)
    .where('tp.has_incoming', '=', 1);
  if (cursor) {
    const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    // The keyset condition written as the product writes it, so both use the index alike.
    query = query.where((eb) =>
      eb.or([
        eb('tp.last_activity_at', '<', at),
        eb.and([eb('tp.last_activity_at', '=', at), eb('tp.thread_id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('tp.last_activity_at', 'desc')
    .orderBy('tp.thread_id', 'desc')
    .limit(limit)
    .execute();
  const people =
    rows.length === 0
      ? []
      : await db
          .selectFrom('thread_participants as p')
          .innerJoin('users as u', (join) =>
            join.onRef('u.id', '=', 'p.user_id').onRef('u.practice_id', '=', 'p.practice_id'),
          )
          .select(['p.thread_id', 'u.id', 'u.name_enc', 'u.kind', 'u.role'])
          .where('p.practice_id', '=', practiceId)
          .where(
            'p.thread_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  const names = new Map<string, string>();
  const threads = rows.map((row) => ({
    id: row.id,
    subject: cipher.decrypt(binding('threads.subject', row.id), row.subject_enc),
    participants: people
      .filter((p) => p.thread_id === row.id)
      .map((p) => {
        let name = names.get(p.id);
        if (name === undefined) {
          name = cipher.decrypt(binding('users.name', p.id), p.name_enc);
          names.set(p.id, name);
        }
        return { id: p.id, name, kind: p.kind, role: p.role };
      }),
    lastMessageAt: row.last_message_at,
    unread: row.unread === 1,
    hasAttachments: row.has_attachments === 1,
  }));
  const last = rows[rows.length - 1];
  const nextCursor =
    rows.length === limit && last ? Buffer.from(`${last.last_activity_at}|${last.id}`).toString('base64url') : null;
  return { threads, nextCursor };
}

const app = Fastify();
app.get('/health', async () => ({ ok: true }));
app.get<{ Querystring: { cursor?: string; limit?: string } }>('/threads', async (request) =>
  page(request.query.cursor, Number(request.query.limit ?? 25)),
);
app.get('/unread', async () => {
  const row = await db
    .selectFrom('users')
    .select('unread_count')
    .where('practice_id', '=', practiceId)
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return { count: Number(row.unread_count) };
});
// Baseline 7: a bare indexed lookup — one word's postings among the reader's threads, newest first,
// 20 of them, with their subjects decrypted — no session, policy, second word, excerpt or audit.
app.get<{ Querystring: { q: string } }>('/lookup', async (request) => {
  const term = searchTerm(cipher, queryWords(request.query.q)[0] ?? '');
  const rows = await db
    .selectFrom('search_terms as st')
    .innerJoin('thread_participants as tp', (join) =>
      join.onRef('tp.thread_id', '=', 'st.thread_id').onRef('tp.practice_id', '=', 'st.practice_id'),
    )
    .innerJoin('threads as t', (join) =>
      join.onRef('t.id', '=', 'st.thread_id').onRef('t.practice_id', '=', 'st.practice_id'),
    )
    .select(['st.thread_id', 'st.at', 't.subject_enc'])
    .where('st.practice_id', '=', practiceId)
    .where('st.term', '=', term)
    .where('tp.user_id', '=', userId)
    .orderBy('st.at', 'desc')
    .orderBy('st.message_id', 'desc')
    .limit(20)
    .execute();
  return {
    results: rows.map((r) => ({
      threadId: r.thread_id,
      subject: cipher.decrypt(binding('threads.subject', r.thread_id), r.subject_enc),
      at: r.at,
    })),
  };
});
// Setup only: the cursor that starts a page `depth` threads down, for the deep-page figure.
app.get<{ Querystring: { depth: string } }>('/cursor-at', async (request) => {
  const row = await db
    .selectFrom('thread_participants')
    .select(['thread_id', 'last_activity_at'])
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .where('archived', '=', 0)
    .where('has_incoming', '=', 1)
    .orderBy('last_activity_at', 'desc')
    .orderBy('thread_id', 'desc')
    .offset(Number(request.query.depth) - 1)
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    cursor: Buffer.from(`${row.last_activity_at}|${row.thread_id}`).toString('base64url'),
    at: row.last_activity_at,
    id: row.thread_id,
  };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => services.close().then(() => process.exit(0))));
