import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { auditEvents } from '../../../test/links';
import { openLive } from '../../../test/live';
import { TestClock } from '../../../test/clock';
import { TestSmtp, waitFor } from '../../../test/smtp';
import type { TestClient } from '../../../test/client';

const CANARY = { subject: 'Subject-Promisecanary', body: 'Body-Promisecanary: can we talk about my sleep?' };
const REMINDER = 'A secure message is waiting for you';
const OVERDUE = 'A secure message is past its reply-by time';

// Friday 6 March 2026, 8 pm in New York (US clocks go forward on Sunday 8 March).
const FRIDAY_EVENING = Date.parse('2026-03-06T20:00:00-05:00');

describe(`R39 R41 the promise, reminders and escalation (${testDb})`, () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  const clock = new TestClock(FRIDAY_EVENING);
  // Sessions follow the clock too (idle timeout), so each step signs in again.
  const as = (key: string): Promise<TestClient> => server.client().login(slug, emailOf(slug, key), PASSWORD);
  const setClock = (iso: string) => clock.advance(Date.parse(iso) - clock.now().getTime());
  const folder = async (key: string, name: string) =>
    (
      (await (await as(key)).get(`/api/threads?folder=${name}`)).body.threads as { id: string; alerts?: string[] }[]
    ).map((t) => t.id);
  const write = async (subject: string, body: string) => {
    const sent = await (await as('c1')).post('/api/threads', { to: [{ userId: ids.p1 }], subject, body });
    expect(sent.status).toBe(201);
    return sent.body.thread as { id: string; messages: { expectedReplyBy: string | null }[] };
  };
  const jobs = (threadId: string) =>
    server.db
      .selectFrom('safety_jobs')
      .select(['kind', 'state', 'due_at'])
      .where('thread_id', '=', threadId)
      .orderBy('kind')
      .execute();

  let friday: string;
  let monday: string;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    server = await startTestServer({ SMTP_URL: smtp.url }, clock);
    const fixture = standardPractice(uniqueSlug('promise'), { timeZone: 'America/New_York' });
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  it('R39: a Friday-evening message is promised a reply by Tuesday 5 pm, shown to the client and to staff', async () => {
    const thread = await write(CANARY.subject, `<p>${CANARY.body}</p>`);
    friday = thread.id;
    expect(thread.messages[0]?.expectedReplyBy).toBe('2026-03-10T21:00:00.000Z');
    expect(await jobs(friday)).toEqual([
      { kind: 'escalation', state: 'pending', due_at: '2026-03-10T21:00:00.000Z' },
      // Four business hours from Monday's opening (9 am EDT).
      { kind: 'reminder', state: 'pending', due_at: '2026-03-09T17:00:00.000Z' },
    ]);
    // The disclaimer states the promise; the client's portal knows the practice's time zone.
    const me = (await (await as('c1')).get('/api/me')).body.practice;
    expect(me).toMatchObject({ responseTimeText: '2 business days', timeZone: 'America/New_York' });
  });

  it('R41: an unopened message reminds its provider once, after four business hours, live and by a PHI-free email', async () => {
    setClock('2026-03-09T16:59:00Z');
    expect(await server.safety.run()).toBe(0);
    const p1 = await as('p1');
    const live = await openLive(server.url, p1);
    setClock('2026-03-09T17:00:00Z');
    expect(await server.safety.run()).toBe(1);
    await live.next((e) => e.type === 'alert.raised' && e.threadId === friday && e.kind === 'reminder');
    live.close();
    await waitFor('the reminder email', () => smtp.to(emailOf(slug, 'p1')).find((m) => m.decoded.includes(REMINDER)));
    expect(await server.safety.run()).toBe(0);
    const sent = await auditEvents(server, practiceId, 'safety.reminder.sent');
    expect(sent.map((e) => e.targets.threadId)).toEqual([friday]);
    // Staff see the promise on the thread.
    const staffView = (await p1.get(`/api/threads/${friday}`)).body.thread;
    expect(staffView.messages[0].expectedReplyBy).toBe('2026-03-10T21:00:00.000Z');
  });

  it('R41: a provider opening the message ends its reminder', async () => {
    setClock('2026-03-09T13:30:00-04:00');
    monday = (await write('Monday question', '<p>Is the group still on Thursday?</p>')).id;
    expect((await jobs(monday)).map((j) => j.state)).toEqual(['pending', 'pending']);
    setClock('2026-03-09T14:00:00-04:00');
    await (await as('p1')).get(`/api/threads/${monday}`);
    expect((await jobs(monday)).map((j) => `${j.kind}:${j.state}`)).toEqual([
      'escalation:pending',
      'reminder:cancelled',
    ]);
    setClock('2026-03-10T14:00:00Z');
    expect(await server.safety.run()).toBe(0);
  });

  it('R41: with no reply by the promise the thread is escalated: Overdue for its provider and the front office', async () => {
    setClock('2026-03-10T20:59:00Z');
    expect(await server.safety.run()).toBe(0);
    expect(await folder('fo', 'overdue')).toEqual([]);
    setClock('2026-03-10T21:00:00Z');
    const fo = await as('fo');
    const live = await openLive(server.url, fo);
    expect(await server.safety.run()).toBe(1);
    await live.next((e) => e.type === 'alert.raised' && e.threadId === friday && e.kind === 'overdue');
    live.close();
    for (const key of ['p1', 'fo', 'admin']) {
      expect(await folder(key, 'overdue')).toEqual([friday]);
      expect((await (await as(key)).get(`/api/threads/${friday}`)).body.thread.alerts).toEqual(['overdue']);
    }
    expect(await folder('p2', 'overdue')).toEqual([]);
    expect(await folder('c1', 'overdue')).toEqual([]);
    expect((await (await as('c1')).get(`/api/threads/${friday}`)).body.thread.alerts).toBeUndefined();
    for (const key of ['p1', 'fo', 'admin']) {
      await waitFor(`overdue email to ${key}`, () =>
        smtp.to(emailOf(slug, key)).find((m) => m.decoded.includes(OVERDUE)),
      );
    }
    const escalated = await auditEvents(server, practiceId, 'safety.overdue.escalated');
    expect(escalated.map((e) => e.targets.threadId)).toEqual([friday]);
    expect(await server.safety.run()).toBe(0);
  });

  it('R41: "No reply needed" clears the mark, is audited, and is for the thread\'s staff only', async () => {
    const path = `/api/threads/${friday}/overdue/no-reply-needed`;
    expect((await server.client().post(path)).status).toBe(401);
    expect((await (await as('p2')).post(path)).status).toBe(404);
    expect((await (await as('c1')).post(path)).status).toBe(403);
    const done = await (await as('fo')).post(path);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ threadId: friday, kind: 'overdue' });
    for (const key of ['p1', 'fo', 'admin']) expect(await folder(key, 'overdue')).toEqual([]);
    expect((await (await as('fo')).post(path)).status).toBe(404);
    const handled = await auditEvents(server, practiceId, 'safety.overdue.handled');
    expect(handled.map((e) => [e.actor_id, e.targets.threadId])).toEqual([[ids.fo, friday]]);
  });

  it('R41: a staff reply clears an escalation, and a reply before the promise prevents one', async () => {
    setClock('2026-03-11T21:00:00Z');
    expect(await server.safety.run()).toBe(1);
    expect(await folder('fo', 'overdue')).toEqual([monday]);
    const reply = await (
      await as('p1')
    ).post(`/api/threads/${monday}/messages`, { body: 'Yes, Thursday at 6 as usual.' });
    expect(reply.status).toBe(201);
    expect(reply.body.message.expectedReplyBy).toBeNull();
    expect(await folder('fo', 'overdue')).toEqual([]);
    expect((await (await as('p1')).get(`/api/threads/${monday}`)).body.thread.alerts).toEqual([]);
    const answered = await auditEvents(server, practiceId, 'safety.overdue.answered');
    expect(answered.map((e) => [e.actor_id, e.targets.threadId])).toEqual([[ids.p1, monday]]);

    // Wednesday evening: promised by Friday 5 pm; answered Thursday, so nothing happens Friday.
    setClock('2026-03-11T19:00:00-04:00');
    const early = (await write('Forms', '<p>I filled in the intake forms.</p>')).id;
    expect((await jobs(early)).map((j) => j.due_at)).toEqual(['2026-03-13T21:00:00.000Z', '2026-03-12T17:00:00.000Z']);
    setClock('2026-03-12T10:00:00-04:00');
    await (await as('p1')).post(`/api/threads/${early}/messages`, { body: 'Thank you, got them.' });
    expect((await jobs(early)).map((j) => j.state)).toEqual(['cancelled', 'cancelled']);
    setClock('2026-03-14T12:00:00Z');
    expect(await server.safety.run()).toBe(0);
    expect(await folder('fo', 'overdue')).toEqual([]);
  });

  it('R39: the promise follows the practice settings: response time, closed days, time zone', async () => {
    const settings = async (patch: object) => (await as('admin')).patch('/api/admin/settings', patch);
    const patched = await settings({
      timeZone: 'America/Los_Angeles',
      responseBusinessDays: 1,
      closedDays: ['2026-03-23'],
    });
    expect(patched.status).toBe(200);
    expect((await (await as('c1')).get('/api/me')).body.practice).toMatchObject({
      responseTimeText: '1 business day',
      timeZone: 'America/Los_Angeles',
    });
    // Friday 20 March, 3:30 pm in Los Angeles: Monday is closed, so Tuesday 5 pm PDT.
    setClock('2026-03-20T15:30:00-07:00');
    const thread = await write('Next week', '<p>Can I come on Tuesday instead?</p>');
    expect(thread.messages[0]?.expectedReplyBy).toBe('2026-03-25T00:00:00.000Z');
    for (const bad of [
      { timeZone: 'Mars/Olympus' },
      { hours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null } },
      {
        hours: {
          mon: { open: '17:00', close: '09:00' },
          tue: null,
          wed: null,
          thu: null,
          fri: null,
          sat: null,
          sun: null,
        },
      },
      { closedDays: ['16/03/2026'] },
      { responseBusinessDays: 0 },
    ]) {
      const refused = await settings(bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    const own = await settings({ responseTimeText: 'one business day, usually sooner' });
    expect(own.status).toBe(200);
    expect((await (await as('c1')).get('/api/me')).body.practice.responseTimeText).toBe(
      'one business day, usually sooner',
    );
    await settings({ responseTimeText: null });
    expect((await (await as('c1')).get('/api/me')).body.practice.responseTimeText).toBe('1 business day');
  });

  it('R41: reminder and overdue emails carry no PHI: no subject, body, name or thread', async () => {
    const safetyMail = smtp.received.filter((m) => m.decoded.includes(REMINDER) || m.decoded.includes(OVERDUE));
    expect(safetyMail.length).toBeGreaterThanOrEqual(4);
    for (const mail of safetyMail) {
      for (const canary of [
        CANARY.subject,
        'Promisecanary',
        'sleep',
        'Client One',
        'Staff p1',
        'Monday question',
        friday,
      ]) {
        expect(mail.decoded.includes(canary), `${canary} in a safety email`).toBe(false);
      }
    }
  });
});
