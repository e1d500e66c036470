import type { LiveEvent } from '@confide/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { openLive, UpgradeRefused, type LiveConnection } from '../../test/live';
import { settle } from '../../test/smtp';
import { newId } from '../ids';
import { transact } from '../db/transact';
import { pruneEvents, recordEvents } from './event-log';

const BODY = '<p>Canary body text that is long enough.</p>';

describe(`live events over WebSocket (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let otherSlug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  const open: LiveConnection[] = [];
  /** The server's clock runs this far ahead of the real time (idle timeouts without waiting). */
  let ahead = 0;
  const clock = { now: () => new Date(Date.now() + ahead) };
  const as = (key: string, practice = slug) => server.client().login(practice, emailOf(practice, key), PASSWORD);
  const live = async (client: TestClient | null, options: Parameters<typeof openLive>[2] = {}) => {
    const connection = await openLive(server.url, client, options);
    open.push(connection);
    return connection;
  };
  const refusal = (client: TestClient | null, options: Parameters<typeof openLive>[2] = {}) =>
    openLive(server.url, client, options).then(
      () => 0,
      (error: unknown) => (error instanceof UpgradeRefused ? error.status : -1),
    );
  const created = (threadId: string) => (e: LiveEvent) => e.type === 'message.created' && e.threadId === threadId;
  /** Emits events straight through the event log and bus, as operations do after commit. */
  const emit = async (userId: string, count: number) => {
    const stored = await transact(server.ctx, (tx) =>
      recordEvents(
        tx,
        practiceId,
        Array.from({ length: count }, () => ({
          userId,
          event: { type: 'message.created' as const, threadId: 'replay', messageId: newId() },
        })),
      ),
    );
    return stored.map((s) => s.event.seq);
  };

  beforeAll(async () => {
    server = await startTestServer({}, clock);
    const fixture = standardPractice(uniqueSlug('live'));
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
    const other = standardPractice(uniqueSlug('live-other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await server?.close();
  });

  it('R30: signed out, the upgrade is refused with 401', async () => {
    expect(await refusal(null)).toBe(401);
    const stale = await as('c1');
    await stale.post('/api/auth/logout');
    expect(await refusal(stale)).toBe(401);
  });

  it("R30: a foreign Origin is refused with 403; the site's own origins are accepted", async () => {
    const c1 = await as('c1');
    expect(await refusal(c1, { origin: 'https://evil.example' })).toBe(403);
    expect(await refusal(c1, { origin: 'http://confide.test' })).toBe(0);
    expect(await refusal(c1, { origin: server.url })).toBe(0);
  });

  it('R12: a sent message reaches every open tab of each participant, live', async () => {
    const [p1, c1, p2] = await Promise.all([as('p1'), as('c1'), as('p2')]);
    const tabs = await Promise.all([live(c1), live(c1), live(p2)]);
    const res = await p1.post('/api/threads', {
      to: [{ userId: ids.c1 }, { userId: ids.p2 }],
      subject: 'Canary Subject',
      body: BODY,
    });
    expect(res.status).toBe(201);
    const threadId = res.body.thread.id as string;
    for (const tab of tabs) {
      const event = await tab.next(created(threadId));
      expect(event).toEqual({
        type: 'message.created',
        seq: expect.any(String),
        threadId,
        messageId: expect.any(String),
      });
    }
    const unread = await tabs[0].next((e) => e.type === 'unread');
    expect(unread).toMatchObject({ type: 'unread', count: expect.any(Number) });
    // Ids and counts only: nothing of the content travels over the socket.
    expect(JSON.stringify(tabs[0].events)).not.toContain('Canary');
  });

  it('R30: non-participants hear nothing — same practice or another practice', async () => {
    const [p1, p3, fo, otherP1] = await Promise.all([as('p1'), as('p3'), as('fo'), as('p1', otherSlug)]);
    const outsiders = await Promise.all([live(p3), live(fo), live(otherP1)]);
    const listener = await live(await as('c2'));
    const res = await p1.post('/api/threads', { to: [{ userId: ids.c2 }], subject: 'Private', body: BODY });
    expect(res.status).toBe(201);
    await listener.next(created(res.body.thread.id));
    await settle(1_000);
    for (const outsider of outsiders) expect(outsider.events).toEqual([]);
  });

  it('R12: ?since= replays missed events in order, then continues live with no gap and no duplicate', async () => {
    const c2 = await as('c2');
    const [mark] = await emit(ids.c2!, 1);
    const missed = await emit(ids.c2!, 3);
    const socket = await live(c2, { since: mark });
    const later = await emit(ids.c2!, 2);
    await socket.next((e) => e.seq === later[1]);
    await settle(500);
    const seqs = socket.events.filter((e) => e.type === 'message.created' && e.threadId === 'replay').map((e) => e.seq);
    expect(seqs).toEqual([...missed, ...later]);
  });

  it('R12: a replay longer than one page arrives whole and in order', async () => {
    const c2 = await as('c2');
    const [mark] = await emit(ids.c2!, 1);
    const missed = await emit(ids.c2!, 620);
    const socket = await live(c2, { since: mark });
    await socket.next((e) => e.seq === missed.at(-1));
    expect(socket.events.map((e) => e.seq)).toEqual(missed);
  });

  it("R30: ?since= never replays another person's events", async () => {
    const [mark] = await emit(ids.c2!, 1);
    await emit(ids.c2!, 2);
    const socket = await live(await as('c1'), { since: mark });
    await settle(500);
    expect(socket.events.filter((e) => e.type === 'message.created' && e.threadId === 'replay')).toEqual([]);
  });

  it('R29: signing out closes the open socket with 4401', async () => {
    const c1 = await as('c1');
    const socket = await live(c1);
    expect((await c1.post('/api/auth/logout')).status).toBe(204);
    // At once, not left to the periodic 30-second re-check.
    const closed = await Promise.race([socket.closed, settle(10_000).then(() => 'still open')]);
    expect(closed).toEqual({ code: 4401, reason: 'session ended' });
  });

  it('R29: a session that timed out is closed at the next event instead of receiving it', async () => {
    const c1 = await as('c1');
    const socket = await live(c1);
    ahead = 16 * 60_000; // past the practice's 15-minute idle timeout
    try {
      await emit(ids.c1!, 1);
      expect((await socket.closed).code).toBe(4401);
    } finally {
      ahead = 0;
    }
    expect(socket.events.filter((e) => 'threadId' in e && e.threadId === 'replay')).toEqual([]);
  });

  it("R29: past the idle timeout counted from the upgrade, a session kept alive by the person's own actions still receives events", async () => {
    const c1 = await as('c1');
    const socket = await live(c1);
    try {
      ahead = 10 * 60_000;
      expect((await c1.get('/api/me')).status).toBe(200);
      ahead = 20 * 60_000; // 20 minutes after the upgrade, 10 after the last action
      const [seq] = await emit(ids.c1!, 1);
      expect(await socket.next((e) => e.seq === seq)).toMatchObject({ type: 'message.created', seq });
    } finally {
      ahead = 0;
    }
  });

  it('R12: stored events older than a few days are pruned', async () => {
    const [fresh] = await emit(ids.p3!, 1);
    const deleted = await pruneEvents(server.ctx.db, 60_000, Date.now() + 3 * 60_000);
    expect(deleted).toBeGreaterThan(0);
    const left = await server.db.selectFrom('events').select('seq').where('seq', '=', fresh!).execute();
    expect(left).toEqual([]);
    await emit(ids.p3!, 1);
    expect(await pruneEvents(server.ctx.db, 60_000)).toBe(0);
  });
});
