// Bulk data the API would take minutes to create, written straight into the product's database
// (SQLite or PostgreSQL, from the same DATA_DIR / DATABASE_URL) with the practice's own cipher:
// extra clients, minted sessions, and a mailbox of many threads. Run as a child process:
//   node --import tsx bench/lib/seed-direct.ts <file with the JSON request>   → JSON answer on stdout
import { readFileSync } from 'node:fs';
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
  const services = await openServices(loadConfig());
  const { ctx } = services;
  try {
    const cipher = await ctx.keys.forPractice(ctx.db, request.practiceId);
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
    if (request.mailbox) await seedMailbox(ctx, cipher, request.practiceId, request.mailbox);
    // Everything here was indexed as it was written: the server's start-up backfill has nothing to do.
    await ctx.db
      .insertInto('search_backfill')
      .values({ practice_id: request.practiceId, finished_at: new Date().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { clientIds, threadIds, sessions };
  } finally {
    await services.close();
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

async function seedMailbox(
  ctx: Services['ctx'],
  cipher: Cipher,
  practiceId: string,
  spec: NonNullable<SeedRequest['mailbox']>,
): Promise<void> {
  const start = Date.now() - spec.threads * 60_000;
  const base = 'Hello, this is a message seeded by the benchmark to fill a large mailbox. '.repeat(3);
  // A few words of varying frequency for the search scenario: every message, 1 in 10, 1 in 1,000.
  const bodyOf = (i: number) =>
    `${base}It is about ${i % 10 === 0 ? 'medication' : 'scheduling'}, reference code${i % 1000}.`;
  let unread = 0;
  const batch = 500;
  for (let offset = 0; offset < spec.threads; offset += batch) {
    const threads: Insertable<ThreadsTable>[] = [];
    const participants: Insertable<ThreadParticipantsTable>[] = [];
    const messages: Insertable<MessagesTable>[] = [];
    for (let i = offset; i < Math.min(spec.threads, offset + batch); i += 1) {
      const id = newId();
      const messageId = newId();
      const senderId = spec.senderIds[i % spec.senderIds.length]!;
      const at = new Date(start + i * 60_000).toISOString();
      const isUnread = i % 3 === 0 ? 1 : 0;
      unread += isUnread;
      threads.push({
        id,
        practice_id: practiceId,
        subject_enc: cipher.encrypt(binding('threads.subject', id), `Appointment follow-up ${i}`),
        created_by: senderId,
        created_at: at,
        last_message_at: at,
        client_count: 1,
        staff_count: 1,
        has_attachments: 0,
      });
      participants.push(
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
      messages.push({
        id: messageId,
        thread_id: id,
        practice_id: practiceId,
        sender_id: senderId,
        body_enc: cipher.encrypt(binding('messages.body', messageId), bodyOf(i)),
        created_at: at,
        has_attachments: 0,
      });
    }
    await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('threads').values(threads).execute();
      // SQLite caps bound parameters per statement; 9 columns × 1000 rows stays under it.
      await tx.insertInto('thread_participants').values(participants).execute();
      await tx.insertInto('messages').values(messages).execute();
      // The search index (R44): the rows the product writes when a message is sent, many per statement.
      const subjects = threads.flatMap((thread, n) =>
        subjectTermRows(cipher, {
          practiceId,
          threadId: thread.id,
          at: thread.created_at,
          subject: `Appointment follow-up ${offset + n}`,
        }),
      );
      const terms = messages.flatMap((message, n) =>
        messageTermRows(cipher, {
          practiceId,
          threadId: message.thread_id,
          messageId: message.id,
          at: message.created_at,
          bodyHtml: bodyOf(offset + n),
          attachmentNames: [],
        }),
      );
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

// The request comes in a file: 16,000 sessions' worth of it is more than one argument may hold.
main(JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as SeedRequest).then(
  (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
