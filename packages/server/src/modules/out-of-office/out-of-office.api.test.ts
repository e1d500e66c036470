import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client';
import { TestClock } from '../../../test/clock';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { openLive } from '../../../test/live';

const BODY = '<p>Could we move Monday’s session to the afternoon?</p>';
// Thursday 3 December 2026; p1 is away from Friday 17:00 until Tuesday 8 December, 14:00 (UTC).
const THURSDAY = '2026-12-03T15:00:00.000Z';
const FRIDAY_EVENING = '2026-12-04T19:30:00.000Z';
const SATURDAY = '2026-12-05T10:00:00.000Z';
const PERIOD = { startsAt: '2026-12-04T17:00:00.000Z', endsAt: '2026-12-08T14:00:00.000Z' };
const TUESDAY_AFTERNOON = '2026-12-08T15:00:00.000Z';

interface AutoReply {
  awayName: string;
  until: string;
  coveringName: string;
  note: string;
  createdAt: string;
}

describe(`R40 out of office (${testDb})`, () => {
  const clock = new TestClock(Date.parse(THURSDAY));
  let server: TestServer;
  let slug: string;
  let otherSlug: string;
  let ids: Record<string, string>;
  /** A fresh sign-in at the clock's time (moving the clock by days ends idle sessions). */
  const as = (key: string, practice = slug): Promise<TestClient> =>
    server.client().login(practice, emailOf(practice, key), PASSWORD);
  const autoRepliesOf = async (client: TestClient, threadId: string): Promise<AutoReply[]> =>
    ((await client.get(`/api/threads/${threadId}`)).body.thread.autoReplies as AutoReply[] | undefined) ?? [];
  const auditActions = async (threadId: string) =>
    (
      (await (await as('admin')).get('/api/admin/audit?limit=100')).body.events as {
        action: string;
        targets: Record<string, string>;
      }[]
    ).filter((e) => e.targets.threadId === threadId);
  let firstThread: string;

  beforeAll(async () => {
    server = await startTestServer({}, clock);
    const fixture = standardPractice(uniqueSlug('ooo'));
    slug = fixture.practice.slug;
    ({ ids } = await server.seed(fixture));
    const other = standardPractice(uniqueSlug('ooo-other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('R40: out of office is set by the staff member or an admin for them — signed out, clients, colleagues and other practices are refused', async () => {
    const period = { ...PERIOD, note: 'At a conference.', coveringId: ids.p3 };
    expect((await server.client().get('/api/me/out-of-office')).status).toBe(401);
    const client = await as('c1');
    expect((await client.get('/api/me/out-of-office')).status).toBe(403);
    expect((await client.put('/api/me/out-of-office', period)).body.error.code).toBe('forbidden');
    const p2 = await as('p2');
    expect((await p2.put(`/api/admin/staff/${ids.p1}/out-of-office`, period)).status).toBe(403);
    const otherAdmin = await as('admin', otherSlug);
    expect((await otherAdmin.put(`/api/admin/staff/${ids.p1}/out-of-office`, period)).status).toBe(404);
    const admin = await as('admin');
    expect((await admin.put(`/api/admin/staff/${ids.c1}/out-of-office`, period)).status).toBe(404);

    // The covering colleague is active staff other than the person, never an external agent.
    for (const coveringId of [ids.agent, ids.p1, ids.c2, 'nobody']) {
      const refused = await admin.put(`/api/admin/staff/${ids.p1}/out-of-office`, { ...period, coveringId });
      expect(refused.status, coveringId).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    const backwards = { ...period, startsAt: PERIOD.endsAt, endsAt: PERIOD.startsAt };
    expect((await admin.put(`/api/admin/staff/${ids.p1}/out-of-office`, backwards)).status).toBe(400);
    expect(
      (await admin.put(`/api/admin/staff/${ids.p1}/out-of-office`, { ...period, note: 'x'.repeat(301) })).status,
    ).toBe(400);

    const set = await admin.put(`/api/admin/staff/${ids.p1}/out-of-office`, period);
    expect(set.status).toBe(200);
    expect(set.body.outOfOffice).toMatchObject({
      ...PERIOD,
      note: 'At a conference.',
      covering: { id: ids.p3, name: 'Staff p3' },
      isActive: false,
    });
    // The person sees what the admin set for them.
    const own = await (await as('p1')).get('/api/me/out-of-office');
    expect(own.body.outOfOffice).toMatchObject({ ...PERIOD, covering: { id: ids.p3 } });
    const actions = (await (await as('admin')).get('/api/admin/audit?limit=50')).body.events as {
      action: string;
      actorId: string | null;
      targets: Record<string, string>;
    }[];
    expect(actions.find((e) => e.action === 'out_of_office.set')?.targets).toMatchObject({
      userId: ids.p1,
      coveringId: ids.p3,
    });
  });

  it('R40: before the period nobody is shown away; during it both the client and staff see "away until" and who covers before writing', async () => {
    const awayOf = async (client: TestClient) =>
      ((await client.get('/api/recipients')).body.recipients as { id: string; away?: unknown }[]).find(
        (r) => r.id === ids.p1,
      )?.away;
    expect(await awayOf(await as('c1'))).toBeUndefined();
    clock.set(FRIDAY_EVENING);
    const expected = { until: PERIOD.endsAt, coveringName: 'Staff p3' };
    expect(await awayOf(await as('c1'))).toEqual(expected);
    expect(await awayOf(await as('fo'))).toEqual(expected);
  });

  it('R40: a Friday-evening message to a provider out until Tuesday gets the practice’s automatic reply at once, once per thread per period', async () => {
    clock.set(FRIDAY_EVENING);
    const client = await as('c1');
    const sent = await client.post('/api/threads', { to: [{ userId: ids.p1 }], subject: 'Monday session', body: BODY });
    expect(sent.status).toBe(201);
    firstThread = sent.body.thread.id;
    expect(sent.body.thread.autoReplies).toEqual([
      {
        id: expect.any(String),
        createdAt: FRIDAY_EVENING,
        awayName: 'Staff p1',
        until: PERIOD.endsAt,
        coveringName: 'Staff p3',
        note: 'At a conference.',
      },
    ]);
    // It is not a message: nothing was written in the provider's name.
    expect(sent.body.thread.messages).toHaveLength(1);

    clock.set(SATURDAY);
    const again = await (await as('c1')).post(`/api/threads/${firstThread}/messages`, { body: BODY });
    expect(again.status).toBe(201);
    expect(await autoRepliesOf(await as('c1'), firstThread)).toHaveLength(1);

    // Another thread in the same period gets its own reply.
    const second = await (
      await as('c1')
    ).post('/api/threads', { to: [{ userId: ids.p1 }], subject: 'Invoice', body: BODY });
    expect(second.body.thread.autoReplies).toHaveLength(1);

    const actions = (await auditActions(firstThread)).map((e) => e.action);
    expect(actions.filter((a) => a === 'out_of_office.replied')).toHaveLength(1);
  });

  it('R40: the covering colleague has the thread unread in their Inbox, marked covering for the away provider, and can read and answer it', async () => {
    clock.set(SATURDAY);
    const p3 = await as('p3');
    const inbox = (await p3.get('/api/threads?folder=inbox')).body.threads as {
      id: string;
      unread: boolean;
      coveringFor?: { id: string; name: string }[];
    }[];
    const row = inbox.find((t) => t.id === firstThread);
    expect(row).toMatchObject({ unread: true, coveringFor: [{ id: ids.p1, name: 'Staff p1' }] });
    expect(inbox.filter((t) => t.coveringFor)).toHaveLength(2);
    const opened = await p3.get(`/api/threads/${firstThread}`);
    expect(opened.status).toBe(200);
    expect(opened.body.thread).toMatchObject({ canReply: true, coveringFor: [{ id: ids.p1 }] });
    expect(opened.body.thread.messages).toHaveLength(2);

    const live = await openLive(server.url, await as('c1'));
    const answer = await p3.post(`/api/threads/${firstThread}/messages`, {
      body: '<p>I am covering for your provider; the afternoon works.</p>',
    });
    expect(answer.status).toBe(201);
    await live.next((e) => e.type === 'message.created' && e.threadId === firstThread);
    live.close();
    const seen = (await (await as('c1')).get(`/api/threads/${firstThread}`)).body.thread;
    expect(seen.messages.at(-1).sender).toMatchObject({ id: ids.p3, name: 'Staff p3' });
    // The client still sees the conversation with the person they wrote to; nothing marks covering for them.
    expect(seen.participants.map((p: { id: string }) => p.id).sort()).toEqual([ids.c1, ids.p1].sort());
    expect(seen.coveringFor).toBeUndefined();
    // The away provider keeps the thread too, without a covering mark.
    const p1Row = ((await (await as('p1')).get('/api/threads?folder=inbox')).body.threads as { id: string }[]).find(
      (t) => t.id === firstThread,
    );
    expect(p1Row).toBeDefined();
    expect(p1Row).not.toHaveProperty('coveringFor');

    const joined = (await auditActions(firstThread)).find((e) => e.action === 'thread.joined');
    expect(joined?.targets).toMatchObject({ userId: ids.p3, reason: 'covering' });
  });

  it('R40: staff writing to an away colleague get no automatic reply; after the period clients get none either', async () => {
    clock.set(SATURDAY);
    const fromStaff = await (
      await as('fo')
    ).post('/api/threads', { to: [{ userId: ids.p1 }], subject: 'Rota', body: BODY });
    expect(fromStaff.status).toBe(201);
    expect(fromStaff.body.thread.autoReplies).toBeUndefined();

    clock.set(TUESDAY_AFTERNOON);
    const client = await as('c1');
    const awayNow = ((await client.get('/api/recipients')).body.recipients as { id: string; away?: unknown }[]).find(
      (r) => r.id === ids.p1,
    );
    expect(awayNow?.away).toBeUndefined();
    const back = await client.post('/api/threads', { to: [{ userId: ids.p1 }], subject: 'Thanks', body: BODY });
    expect(back.body.thread.autoReplies).toBeUndefined();
    expect((await (await as('p1')).get('/api/me/out-of-office')).body.outOfOffice).toBeNull();
  });

  it('R40: a new period answers again in the same thread; clearing it is audited', async () => {
    clock.set(TUESDAY_AFTERNOON);
    const p1 = await as('p1');
    const next = await p1.put('/api/me/out-of-office', {
      startsAt: TUESDAY_AFTERNOON,
      endsAt: '2026-12-09T09:00:00.000Z',
      coveringId: ids.fo,
    });
    expect(next.status).toBe(200);
    expect(next.body.outOfOffice).toMatchObject({ isActive: true, note: '', covering: { id: ids.fo } });
    await (await as('c1')).post(`/api/threads/${firstThread}/messages`, { body: BODY });
    const replies = await autoRepliesOf(await as('c1'), firstThread);
    expect(replies.map((r) => r.coveringName)).toEqual(['Staff p3', 'Staff fo']);

    expect((await p1.delete('/api/me/out-of-office')).status).toBe(204);
    expect((await p1.get('/api/me/out-of-office')).body.outOfOffice).toBeNull();
    const events = (await (await as('admin')).get('/api/admin/audit?limit=20')).body.events as { action: string }[];
    expect(events.map((e) => e.action)).toContain('out_of_office.cleared');
  });
});
