// Bulk data the API would take minutes to create, written straight into the product's database
// (SQLite or PostgreSQL, from the same DATA_DIR / DATABASE_URL) with the practice's own cipher:
// extra clients, minted sessions, and a mailbox of many threads. Run as a child process:
//   node --import tsx bench/lib/seed-direct.ts <file with the JSON request>   → JSON answer on stdout
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { MessagesTable, ThreadParticipantsTable, ThreadsTable } from '../../packages/server/src/db/schema.ts';
import type { Tx } from '../../packages/server/src/db/index.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { hashPassword } from '../../packages/server/src/crypto/passwords.ts';
import { newId } from '../../packages/server/src/ids.ts';
import { openServices } from '../../packages/server/src/main.ts';
import { createUser } from '../../packages/server/src/modules/accounts/create-user.ts';
import { createSession } from '../../packages/server/src/modules/accounts/sessions.ts';
import {
  indexSubject,
  messageTermRows,
  subjectTermRows,
} from '../../packages/server/src/modules/search/search-index.ts';
import { binding } from '../../packages/server/src/crypto/bindings.ts';

export interface SeedRequest {
  practiceId: string;
  /** new active portal clients, each on `providerIds` round-robin, password `password` */
  clients?: { count: number; providerIds: string[]; password: string; prefix: string; withThreads?: boolean };
  /** a session per listed user (existing or new clients by index "new:N") */
  sessionsFor?: string[];
  /** threads from `senderIds` (round-robin) to `readerId`, one message each; every 3rd unread */
  mailbox?: { readerId: string; senderIds: string[]; threads: number };
}

export interface SeedAnswer {
  clientIds: string[];
  /** with `clients.withThreads`: each new client's thread with their provider (same order) */
  threadIds: string[];
  sessions: { userId: string; cookie: string; csrfToken: string }[];
}

/** Rows written per transaction: WAL checkpoints can only run between transactions. */
const BATCH = 1000;

/**
 * Lets the event loop turn between transactions, so the database's checkpoint timer (every
 * second, as in the product) runs: with only awaited SQLite calls nothing else ever runs and the
 * WAL of a 100,000-thread seed grew to 5 GB, slowing every later statement.
 */
const checkpointTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

async function main(request: SeedRequest): Promise<SeedAnswer> {
  const config = loadConfig();
  const services = await openServices(config);
  const { ctx } = services;
  let closed = false;
  try {
    const cipher = await ctx.keys.forPractice(ctx.db, request.practiceId);
    // The seeded messages share a few hundred words: each word's keyed hash (the same value) is
    // computed once instead of once a message.
    const hash = cipher.lookupHash.bind(cipher);
    const hashes = new Map<string, string>();
    cipher.lookupHash = (value) => {
      let hashed = hashes.get(value);
      if (hashed === undefined) {
        hashed = hash(value);
        hashes.set(value, hashed);
      }
      return hashed;
    };
    const clientIds: string[] = [];
    const threadIds: string[] = [];
    if (request.clients) {
      const spec = request.clients;
      const hash = await hashPassword(spec.password);
      for (let from = 0; from < spec.count; from += BATCH) {
        await ctx.db.transaction().execute(async (tx) => {
          for (let i = from; i < Math.min(spec.count, from + BATCH); i += 1) {
            const id = await createUser(tx, cipher, {
              kind: 'client',
              role: 'client',
              status: 'active',
              name: `Bench Client ${i}`,
              email: `${spec.prefix}${i}@bench.example`,
              passwordHash: hash,
              portal: true,
            });
            await tx
              .insertInto('care_team')
              .values({
                practice_id: request.practiceId,
                client_id: id,
                provider_id: spec.providerIds[i % spec.providerIds.length]!,
                status: 'current',
                updated_at: new Date().toISOString(),
              })
              .execute();
            clientIds.push(id);
            if (spec.withThreads)
              threadIds.push(
                await seedThread(tx, cipher, request.practiceId, spec.providerIds[i % spec.providerIds.length]!, id),
              );
          }
        });
        await checkpointTurn();
      }
    }
    const sessions: SeedAnswer['sessions'] = [];
    if (request.sessionsFor) {
      const ids = request.sessionsFor.map((id) => (id.startsWith('new:') ? clientIds[Number(id.slice(4))]! : id));
      for (let from = 0; from < ids.length; from += BATCH) {
        await ctx.db.transaction().execute(async (tx) => {
          for (const userId of ids.slice(from, from + BATCH)) {
            const created = await createSession(
              tx,
              { id: userId, practice_id: request.practiceId },
              '127.0.0.1',
              ctx.clock.now().getTime(),
            );
            sessions.push({ userId, cookie: `confide_session=${created.token}`, csrfToken: created.csrfToken });
          }
        });
        await checkpointTurn();
      }
    }
    // Everything here is indexed as it is written: the server's start-up backfill has nothing to do.
    await ctx.db
      .insertInto('search_backfill')
      .values({ practice_id: request.practiceId, finished_at: new Date().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    if (request.mailbox && ctx.dialect === 'sqlite') {
      await services.close();
      closed = true;
      bulkMailboxSqlite(join(config.dataDir, 'confide.db'), cipher, request.practiceId, request.mailbox);
    } else if (request.mailbox) await seedMailbox(ctx, cipher, request.practiceId, request.mailbox);
    return { clientIds, threadIds, sessions };
  } finally {
    if (!closed) await services.close();
  }
}

/** A thread a provider started with a client: one message, unread by the client. */
async function seedThread(
  tx: Tx,
  cipher: Cipher,
  practiceId: string,
  providerId: string,
  clientId: string,
): Promise<string> {
  const id = newId();
  const messageId = newId();
  const at = new Date().toISOString();
  await tx
    .insertInto('threads')
    .values({
      id,
      practice_id: practiceId,
      subject_enc: cipher.encrypt(binding('threads.subject', id), 'Welcome to the practice'),
      created_by: providerId,
      created_at: at,
      last_message_at: at,
      client_count: 1,
      staff_count: 1,
      has_attachments: 0,
    })
    .execute();
  await tx
    .insertInto('thread_participants')
    .values([
      {
        thread_id: id,
        user_id: providerId,
        practice_id: practiceId,
        has_incoming: 0,
        has_sent: 1,
        archived: 0,
        unread: 0,
        last_activity_at: at,
      },
      {
        thread_id: id,
        user_id: clientId,
        practice_id: practiceId,
        has_incoming: 1,
        has_sent: 0,
        archived: 0,
        unread: 1,
        last_activity_at: at,
      },
    ])
    .execute();
  await tx
    .insertInto('messages')
    .values({
      id: messageId,
      thread_id: id,
      practice_id: practiceId,
      sender_id: providerId,
      body_enc: cipher.encrypt(binding('messages.body', messageId), 'Hello, and welcome. Write here any time.'),
      created_at: at,
      has_attachments: 0,
    })
    .execute();
  await indexSubject(tx, cipher, { practiceId, threadId: id, at, subject: 'Welcome to the practice' });
  await tx
    .insertInto('search_terms')
    .values(
      messageTermRows(cipher, {
        practiceId,
        threadId: id,
        messageId,
        at,
        bodyHtml: 'Hello, and welcome. Write here any time.',
        attachmentNames: [],
      }),
    )
    .execute();
  await tx
    .updateTable('users')
    .set({ unread_count: 1 })
    .where('practice_id', '=', practiceId)
    .where('id', '=', clientId)
    .execute();
  return id;
}

type Services = Awaited<ReturnType<typeof openServices>>;
type Cipher = Awaited<ReturnType<Services['ctx']['keys']['forPractice']>>;

/** One batch of the mailbox: its rows for every table, search index included. */
interface MailboxBatch {
  threads: Insertable<ThreadsTable>[];
  participants: Insertable<ThreadParticipantsTable>[];
  messages: Insertable<MessagesTable>[];
  /** each thread's subject rows */
  subjects: ReturnType<typeof subjectTermRows>[];
  /** each message's rows */
  terms: ReturnType<typeof messageTermRows>[];
  unread: number;
}

/**
 * The mailbox's rows, `batch` threads at a time: threads from the senders to the reader, one
 * message each, every 3rd unread, with the search index rows the product writes when a message
 * is sent (R44).
 */
function* mailboxBatches(
  cipher: Cipher,
  practiceId: string,
  spec: NonNullable<SeedRequest['mailbox']>,
  batch: number,
): Generator<MailboxBatch> {
  const start = Date.now() - spec.threads * 60_000;
  const base = 'Hello, this is a message seeded by the benchmark to fill a large mailbox. '.repeat(3);
  // A few words of varying frequency for the search scenario: every message, 1 in 10, 1 in 1,000.
  const bodyOf = (i: number) =>
    `${base}It is about ${i % 10 === 0 ? 'medication' : 'scheduling'}, reference code${i % 1000}.`;
  for (let offset = 0; offset < spec.threads; offset += batch) {
    const out: MailboxBatch = { threads: [], participants: [], messages: [], subjects: [], terms: [], unread: 0 };
    for (let i = offset; i < Math.min(spec.threads, offset + batch); i += 1) {
      const id = newId();
      const messageId = newId();
      const senderId = spec.senderIds[i % spec.senderIds.length]!;
      const at = new Date(start + i * 60_000).toISOString();
      const isUnread = i % 3 === 0 ? 1 : 0;
      out.unread += isUnread;
      const subject = `Appointment follow-up ${i}`;
      out.threads.push({
        id,
        practice_id: practiceId,
        subject_enc: cipher.encrypt(binding('threads.subject', id), subject),
        created_by: senderId,
        created_at: at,
        last_message_at: at,
        client_count: 1,
        staff_count: 1,
        has_attachments: 0,
      });
      out.participants.push(
        {
          thread_id: id,
          user_id: spec.readerId,
          practice_id: practiceId,
          has_incoming: 1,
          has_sent: 0,
          archived: 0,
          unread: isUnread,
          last_activity_at: at,
        },
        {
          thread_id: id,
          user_id: senderId,
          practice_id: practiceId,
          has_incoming: 0,
          has_sent: 1,
          archived: 0,
          unread: 0,
          last_activity_at: at,
        },
      );
      out.messages.push({
        id: messageId,
        thread_id: id,
        practice_id: practiceId,
        sender_id: senderId,
        body_enc: cipher.encrypt(binding('messages.body', messageId), bodyOf(i)),
        created_at: at,
        has_attachments: 0,
      });
      out.subjects.push(subjectTermRows(cipher, { practiceId, threadId: id, at, subject }));
      out.terms.push(
        messageTermRows(cipher, {
          practiceId,
          threadId: id,
          messageId,
          at,
          bodyHtml: bodyOf(i),
          attachmentNames: [],
        }),
      );
    }
    yield out;
  }
}

/** The mailbox through Kysely, 500 threads a transaction (PostgreSQL). */
async function seedMailbox(
  ctx: Services['ctx'],
  cipher: Cipher,
  practiceId: string,
  spec: NonNullable<SeedRequest['mailbox']>,
): Promise<void> {
  let unread = 0;
  for (const rows of mailboxBatches(cipher, practiceId, spec, 500)) {
    unread += rows.unread;
    const subjects = rows.subjects.flat();
    const terms = rows.terms.flat();
    await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('threads').values(rows.threads).execute();
      // Bound parameters per statement are capped: 9 columns × 1000 rows stays under it.
      await tx.insertInto('thread_participants').values(rows.participants).execute();
      await tx.insertInto('messages').values(rows.messages).execute();
      for (let i = 0; i < subjects.length; i += 1000)
        await tx
          .insertInto('search_subjects')
          .values(subjects.slice(i, i + 1000))
          .execute();
      for (let i = 0; i < terms.length; i += 1000)
        await tx
          .insertInto('search_terms')
          .values(terms.slice(i, i + 1000))
          .execute();
    });
    await checkpointTurn();
  }
  await ctx.db
    .updateTable('users')
    .set({ unread_count: unread })
    .where('practice_id', '=', practiceId)
    .where('id', '=', spec.readerId)
    .execute();
}

/**
 * Search-index rows held back and handed out in the index's primary-key order (practice, term,
 * time, message or thread): each message's rows are its term list over one shared row, so a
 * term's postings come out in the order the mailbox was written, terms in sorted order. Inserted
 * in that order each lands next to the one before instead of on a random page of a B-tree bigger
 * than the cache. A row that differs from its message's first row in more than the term is
 * written at once, unordered (same rows either way; only the speed depends on it).
 */
class Postings {
  private readonly byTerm = new Map<string, number[]>();
  private readonly shared: Record<string, unknown>[] = [];

  constructor(private readonly now: (row: Record<string, unknown>) => void) {}

  add(rows: ({ term: string } & Record<string, unknown>)[]): void {
    const first = rows[0];
    if (!first) return;
    const { term: _term, ...shared } = first;
    const keys = Object.keys(shared);
    const at = this.shared.push(shared) - 1;
    for (const row of rows) {
      if (Object.keys(row).length !== keys.length + 1 || keys.some((k) => row[k] !== shared[k])) {
        this.now(row);
        continue;
      }
      let list = this.byTerm.get(row.term);
      if (!list) this.byTerm.set(row.term, (list = []));
      list.push(at);
    }
  }

  *rows(): Generator<Record<string, unknown>> {
    for (const term of [...this.byTerm.keys()].sort()) {
      for (const at of this.byTerm.get(term)!) yield { ...this.shared[at], term };
    }
  }
}

/**
 * The mailbox as a bulk load into the embedded database file, with the server closed: the same
 * rows as {@link seedMailbox}, written the way one loads a throwaway database — one connection,
 * no journal and no fsync while loading (this copy is thrown away after the run), one prepared
 * statement a table, the tables' secondary indexes dropped first and built again from their own
 * `CREATE INDEX` statements at the end, and the search index's rows inserted in primary-key order
 * ({@link Postings}). Left with WAL journaling back on, as the server opens it.
 */
function bulkMailboxSqlite(
  file: string,
  cipher: Cipher,
  practiceId: string,
  spec: NonNullable<SeedRequest['mailbox']>,
): void {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // 512 MiB of page cache while loading (the default is 2 MiB).
    db.pragma('cache_size = -524288');
    const tables = ['threads', 'thread_participants', 'messages', 'search_subjects', 'search_terms'];
    db.exec('BEGIN');
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
      )
      .all(...tables) as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    const inserts = new Map<string, SqliteDatabase.Statement>();
    const insert = (table: string, row: object) => {
      let statement = inserts.get(table);
      if (!statement) {
        const columns = Object.keys(row);
        statement = db.prepare(
          `INSERT OR IGNORE INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        );
        inserts.set(table, statement);
      }
      statement.run(row);
    };
    const subjects = new Postings((row) => insert('search_subjects', row));
    const terms = new Postings((row) => insert('search_terms', row));
    let unread = 0;
    for (const rows of mailboxBatches(cipher, practiceId, spec, 1000)) {
      unread += rows.unread;
      for (const row of rows.threads) insert('threads', row);
      for (const row of rows.participants) insert('thread_participants', row);
      for (const row of rows.messages) insert('messages', row);
      for (const thread of rows.subjects) subjects.add(thread);
      for (const message of rows.terms) terms.add(message);
    }
    for (const row of subjects.rows()) insert('search_subjects', row);
    for (const row of terms.rows()) insert('search_terms', row);
    for (const index of indexes) db.exec(index.sql);
    db.prepare('UPDATE users SET unread_count = ? WHERE practice_id = ? AND id = ?').run(
      unread,
      practiceId,
      spec.readerId,
    );
    db.exec('COMMIT');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

// The request comes in a file: 16,000 sessions' worth of it is more than one argument may hold.
main(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as SeedRequest).then(
  (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
