import type { LiveEvent } from '@confide/api';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { openLive, type LiveConnection } from '../../test/live';
import { startPeerServer } from '../../test/peer-server';
import { settle, TestSmtp, waitFor } from '../../test/smtp';
import { newId } from '../ids';
import { enqueueEmails } from '../outbox/enqueue';
import { transact } from '../db/transact';
import { recordEvents } from './event-log';

const BODY = '<p>Canary body text that is long enough.</p>';

// Several app nodes exist only on PostgreSQL (SPEC §5); the embedded SQLite default is one process.
describe.runIf(testDb === 'postgres')('many nodes on one PostgreSQL', () => {
  let smtp: TestSmtp;
  let nodeA: TestServer;
  let nodeB: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  const open: LiveConnection[] = [];
  const as = (node: TestServer, key: string) => node.client().login(slug, emailOf(slug, key), PASSWORD);
  const live = async (node: TestServer, key: string) => {
    const connection = await openLive(node.url, await as(node, key));
    open.push(connection);
    return connection;
  };
  const created = (threadId: string) => (e: LiveEvent) => e.type === 'message.created' && e.threadId === threadId;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    nodeA = await startTestServer({ SMTP_URL: smtp.url });
    nodeB = await startPeerServer(nodeA, { SMTP_URL: smtp.url });
    const fixture = standardPractice(uniqueSlug('nodes'));
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await nodeA.seed(fixture));
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await nodeB?.close();
    await nodeA?.close();
    await smtp?.stop();
  });

  it('R12: a message sent through node A reaches sockets on node B (and once on node A)', async () => {
    const onB = await live(nodeB, 'c1');
    const onA = await live(nodeA, 'c1');
    const outsiderOnB = await live(nodeB, 'p3');
    const res = await (
      await as(nodeA, 'p1')
    ).post('/api/threads', {
      to: [{ userId: ids.c1 }],
      subject: 'Across nodes',
      body: BODY,
    });
    expect(res.status).toBe(201);
    const threadId = res.body.thread.id as string;
    const event = await onB.next(created(threadId));
    expect(event).toMatchObject({ type: 'message.created', threadId });
    await onA.next(created(threadId));
    await settle(1_000);
    expect(onA.events.filter(created(threadId))).toHaveLength(1);
    expect(onB.events.filter(created(threadId))).toHaveLength(1);
    expect(outsiderOnB.events).toEqual([]);
  });

  it('R12: a reply through node B reaches the original sender on node A', async () => {
    const p1OnA = await live(nodeA, 'p1');
    const sent = await (
      await as(nodeA, 'p1')
    ).post('/api/threads', {
      to: [{ userId: ids.c2 }],
      subject: 'Ping',
      body: BODY,
    });
    const threadId = sent.body.thread.id as string;
    const reply = await (await as(nodeB, 'c2')).post(`/api/threads/${threadId}/messages`, { body: BODY });
    expect(reply.status).toBe(201);
    await p1OnA.next((e) => e.type === 'message.created' && e.messageId === reply.body.message.id);
  });

  it('R12: a batch too large for one NOTIFY arrives whole and in order on the other node', async () => {
    const onB = await live(nodeB, 'fo');
    const stored = await transact(nodeA.ctx, (tx) =>
      recordEvents(
        tx,
        practiceId,
        Array.from({ length: 400 }, () => ({
          userId: ids.fo!,
          event: { type: 'message.created' as const, threadId: 'bulk', messageId: newId() },
        })),
      ),
    );
    const seqs = stored.map((s) => s.event.seq);
    await onB.next((e) => e.seq === seqs.at(-1));
    expect(onB.events.map((e) => e.seq)).toEqual(seqs);
  });

  it('R21: the mail workers of both nodes drain one outbox; every email goes out exactly once', async () => {
    const address = emailOf(slug, 'biller');
    await transact(nodeA.ctx, (tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 40 }, () => ({ practiceId, recipientId: ids.biller!, template: 'new_message' as const })),
      ),
    );
    // transact woke node A's worker after commit; node B's is woken too, so both race for the rows.
    nodeB.ctx.mail.wake();
    await waitFor('40 emails', () => smtp.to(address).length >= 40, 25_000);
    await settle();
    expect(smtp.to(address)).toHaveLength(40);
    const rows = await nodeA.db
      .selectFrom('outbox')
      .select(['state', 'attempts'])
      .where('recipient_id', '=', ids.biller!)
      .execute();
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('R54: connections the database ends (as a restart does, 57P01) cost neither node; node B listens again and catches up what was committed meanwhile', async () => {
    const onB = await live(nodeB, 'c1');
    const sender = await as(nodeA, 'p1');
    // Every other connection to this database: both pools and both relays' LISTEN connections.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(nodeA.db);
    // Sent at once, most likely before node B's relay listens again: only its catch-up brings it.
    const threadId = await waitFor('a send through node A', async () => {
      const res = await sender.post('/api/threads', {
        to: [{ userId: ids.c1 }],
        subject: 'After a restart',
        body: BODY,
      });
      return res.status === 201 ? (res.body.thread.id as string) : '';
    });
    await onB.next(created(threadId));
    expect((await nodeB.client().get('/readyz')).status).toBe(200);
    await settle(1_000);
    expect(onB.events.filter(created(threadId))).toHaveLength(1);
  });

  it("R29: signing out through node A closes that session's socket on node B with 4401", async () => {
    const c1 = await as(nodeA, 'c1');
    const onB = await openLive(nodeB.url, c1);
    open.push(onB);
    const other = await live(nodeB, 'c2');
    expect((await c1.post('/api/auth/logout')).status).toBe(204);
    // Relayed at once, not left to node B's periodic 30-second re-check.
    const closed = await Promise.race([onB.closed, settle(10_000).then(() => 'still open')]);
    expect(closed).toEqual({ code: 4401, reason: 'session ended' });
    await settle(500);
    expect(other.ws.readyState).toBe(other.ws.OPEN);
  });
});
