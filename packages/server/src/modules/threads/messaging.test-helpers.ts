import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, type TestServer } from '../../../test/harness';
import type { TestClient } from '../../../test/client';
import { newId, nowIso } from '../../ids';
import { binding } from '../../crypto/bindings';
import type { Clock } from '../../clock';

/** A test's world: a server, the standard practice, another practice, and signed-in clients by key. */
export interface MessagingWorld {
  server: TestServer;
  slug: string;
  practiceId: string;
  ids: Record<string, string>;
  otherSlug: string;
  otherIds: Record<string, string>;
  as(key: string): Promise<TestClient>;
  asOther(key: string): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * Starts a server with the standard practice (plus a disabled provider "gone") and another practice;
 * on `clock` when a test moves time by hand.
 */
export async function startMessagingWorld(prefix: string, clock?: Clock): Promise<MessagingWorld> {
  const server = await startTestServer({}, clock);
  const fixture = standardPractice(uniqueSlug(prefix));
  const slug = fixture.practice.slug;
  fixture.staff.push({
    key: 'gone',
    name: 'Staff gone',
    email: `gone@${slug}.example`,
    password: PASSWORD,
    role: 'provider',
  });
  const { practiceId, ids } = await server.seed(fixture);
  await server.db
    .updateTable('users')
    .set({ status: 'disabled' })
    .where('id', '=', ids.gone as string)
    .execute();
  const other = standardPractice(uniqueSlug(`${prefix}-other`), { minBodyLength: 30 });
  const { ids: otherIds } = await server.seed(other);
  const clients = new Map<string, TestClient>();
  const signIn = async (practice: string, key: string) => {
    const id = `${practice}/${key}`;
    let client = clients.get(id);
    if (!client) {
      client = await server.client().login(practice, emailOf(practice, key), PASSWORD);
      clients.set(id, client);
    }
    return client;
  };
  return {
    server,
    slug,
    practiceId,
    ids,
    otherSlug: other.practice.slug,
    otherIds,
    as: (key) => signIn(slug, key),
    asOther: (key) => signIn(other.practice.slug, key),
    close: () => server.close(),
  };
}

/** How many rows each table a send touches holds (to prove nothing was half-saved). */
export async function countRows(server: TestServer): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'threads',
    'thread_participants',
    'messages',
    'outbox',
    'events',
    'audit_events',
    'drafts',
  ] as const) {
    const row = await server.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** An uploaded, not yet sent attachment, inserted the way the upload route stores it. */
export async function insertAttachment(
  server: TestServer,
  practiceId: string,
  uploaderId: string,
  name = 'scan.pdf',
): Promise<string> {
  const id = newId();
  const cipher = await server.ctx.keys.forPractice(server.ctx.db, practiceId);
  await server.db
    .insertInto('attachments')
    .values({
      id,
      practice_id: practiceId,
      uploader_id: uploaderId,
      message_id: null,
      draft_id: null,
      name_enc: cipher.encrypt(binding('attachments.name', id), name),
      size: 1234,
      content_type: 'application/pdf',
      blob_key: `test-blob-${id}`,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** The badge of a person, read from the API. */
export async function unreadOf(client: TestClient): Promise<number> {
  const res = await client.get<{ count: number }>('/api/unread');
  return res.body.count;
}

export const BODY = '<p>Hello, this is a <strong>test</strong> message.</p>';
