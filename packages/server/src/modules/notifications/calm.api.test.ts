import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../../test/clock';
import type { TestClient } from '../../../test/client';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { startPeerServer } from '../../../test/peer-server';
import { TestSmtp, waitFor } from '../../../test/smtp';
import { runDueNotices } from './run-notices';

const NEW_MESSAGE = 'Subject: New secure message';
const CRISIS = 'A secure message needs prompt attention';
const REMINDER = 'A secure message is waiting for you';
const MINUTE = 60_000;
/** Generous: the machine running the suite may be heavily loaded. */
const PATIENCE = 60_000;

// Monday 9 March 2026, 10 am in New York: inside the default practice hours (R41 counts them).
const MONDAY_MORNING = Date.parse('2026-03-09T10:00:00-04:00');

describe(`R48 calm notifications (${testDb})`, () => {
  let smtp: TestSmtp;
  let server: TestServer;
  const clock = new TestClock(MONDAY_MORNING);

  /** A practice of its own for each test, with the notification settings it names. */
  const practice = async (settings: { notificationDelayMinutes?: number; notificationDigestMinutes?: number }) => {
    // Sessions follow the test clock; a long idle timeout keeps them while the clock moves.
    const fixture = standardPractice(uniqueSlug('calm'), { idleTimeoutMinutes: 720, ...settings });
    const slug = fixture.practice.slug;
    const { ids } = await server.seed(fixture);
    const as = (key: string): Promise<TestClient> => server.client().login(slug, emailOf(slug, key), PASSWORD);
    const newMessageMails = (key: string) => smtp.to(emailOf(slug, key)).filter((m) => m.decoded.includes(NEW_MESSAGE));
    /** The new-message emails queued for a person (each goes once, R21). */
    const queued = async (key: string) =>
      server.db
        .selectFrom('outbox')
        .select(['state'])
        .where('recipient_id', '=', ids[key]!)
        .where('template', '=', 'new_message')
        .execute();
    /** Waits until every queued email for a person has reached the SMTP server, then counts them. */
    const delivered = async (key: string) => {
      await waitFor(
        `the emails to ${key} sent`,
        async () => (await queued(key)).every((row) => row.state === 'sent'),
        PATIENCE,
      );
      return newMessageMails(key);
    };
    const write = async (from: string, to: string, subject: string, body = '<p>Checking in about Tuesday.</p>') => {
      const sent = await (await as(from)).post('/api/threads', { to: [{ userId: ids[to] }], subject, body });
      expect(sent.status).toBe(201);
      return sent.body.thread.id as string;
    };
    return { slug, ids, as, queued, delivered, newMessageMails, write };
  };

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    server = await startTestServer({ SMTP_URL: smtp.url }, clock);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  it('R48: the settings default to 0, are stored by the admin, and bad values get a clear error (R34)', async () => {
    const p = await practice({});
    const admin = await p.as('admin');
    const before = (await admin.get('/api/admin/settings')).body.settings;
    expect(before).toMatchObject({ notificationDelayMinutes: 0, notificationDigestMinutes: 0 });
    for (const bad of [
      { notificationDelayMinutes: -1 },
      { notificationDelayMinutes: 1441 },
      { notificationDigestMinutes: 2.5 },
      { notificationDigestMinutes: 100000 },
      { notificationDelayMinutes: '10' },
    ]) {
      const res = await admin.patch('/api/admin/settings', bad);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain(Object.keys(bad)[0]);
    }
    expect((await admin.get('/api/admin/settings')).body.settings).toEqual(before);
    const saved = await admin.patch('/api/admin/settings', {
      notificationDelayMinutes: 15,
      notificationDigestMinutes: 60,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({ notificationDelayMinutes: 15, notificationDigestMinutes: 60 });
    // Not for staff who are not admins, nor for clients.
    expect((await (await p.as('p1')).patch('/api/admin/settings', { notificationDelayMinutes: 0 })).status).toBe(403);
    expect((await (await p.as('c1')).patch('/api/admin/settings', { notificationDelayMinutes: 0 })).status).toBe(403);
  });

  it('R48: a message read within the delay sends no email', async () => {
    const p = await practice({ notificationDelayMinutes: 10 });
    const threadId = await p.write('p1', 'c1', 'Appointment');
    const client = await p.as('c1');
    clock.advance(4 * MINUTE);
    expect((await client.get(`/api/threads/${threadId}`)).status).toBe(200);
    clock.advance(7 * MINUTE);
    await server.notices.run();
    expect(await p.queued('c1')).toEqual([]);
    // Nothing waits any more: the read cancelled it.
    const waiting = await server.db
      .selectFrom('pending_notices')
      .selectAll()
      .where('recipient_id', '=', p.ids.c1!)
      .execute();
    expect(waiting).toEqual([]);
  });

  it('R48: a message still unread after the delay emails once, not before, with no PHI', async () => {
    const p = await practice({ notificationDelayMinutes: 10 });
    await p.write('p1', 'c1', 'Zebra-Calm-Subject', '<p>Quokka-calm-body, long enough.</p>');
    clock.advance(9 * MINUTE + 59_000);
    await server.notices.run();
    expect(await p.queued('c1')).toEqual([]);
    clock.advance(1_000);
    await server.notices.run();
    await server.notices.run();
    const mails = await p.delivered('c1');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.decoded).toContain(`http://confide.test/p/${p.slug}/sign-in`);
    expect(mails[0]!.decoded).not.toMatch(/Zebra-Calm|Quokka-calm|Staff p1|Client One/);
  });

  it('R48: reading one thread cancels only its own email; marking read through PATCH counts as reading', async () => {
    const p = await practice({ notificationDelayMinutes: 10 });
    const first = await p.write('p1', 'c1', 'First');
    await p.write('p2', 'c1', 'Second');
    const third = await p.write('p1', 'c2', 'Third');
    expect((await (await p.as('c1')).patch(`/api/threads/${first}`, { read: true })).status).toBe(200);
    expect((await (await p.as('c2')).patch(`/api/threads/${third}`, { read: true })).status).toBe(200);
    clock.advance(10 * MINUTE);
    await server.notices.run();
    expect(await p.delivered('c1')).toHaveLength(1);
    expect(await p.queued('c2')).toEqual([]);
  });

  it('R48: three messages within the digest window send one email; a fourth waits for the window to end', async () => {
    const p = await practice({ notificationDigestMinutes: 30 });
    await p.write('p1', 'c1', 'One');
    await p.write('p2', 'c1', 'Two');
    await p.write('fo', 'c1', 'Three');
    await server.notices.run();
    expect(await p.delivered('c1')).toHaveLength(1);

    clock.advance(10 * MINUTE);
    await p.write('p1', 'c1', 'Four');
    await server.notices.run();
    clock.advance(19 * MINUTE);
    await server.notices.run();
    expect(await p.queued('c1')).toHaveLength(1);
    clock.advance(1 * MINUTE);
    await server.notices.run();
    expect(await p.delivered('c1')).toHaveLength(2);

    // The fourth was the last waiting: later rounds send nothing more.
    clock.advance(60 * MINUTE);
    await server.notices.run();
    expect(await p.queued('c1')).toHaveLength(2);
  });

  it('R48: with a delay and a digest, messages read before the window ends send nothing more', async () => {
    const p = await practice({ notificationDelayMinutes: 5, notificationDigestMinutes: 30 });
    await p.write('p1', 'c1', 'Before');
    clock.advance(5 * MINUTE);
    await server.notices.run();
    expect(await p.delivered('c1')).toHaveLength(1);
    const later = await p.write('p1', 'c1', 'After');
    clock.advance(6 * MINUTE);
    await server.notices.run(); // within the window: waits
    expect((await (await p.as('c1')).get(`/api/threads/${later}`)).status).toBe(200);
    clock.advance(30 * MINUTE);
    await server.notices.run();
    expect(await p.queued('c1')).toHaveLength(1);
  });

  it('R48: R42 crisis alert ignores the delay and the digest', async () => {
    const p = await practice({ notificationDelayMinutes: 60, notificationDigestMinutes: 60 });
    await p.write('c1', 'p1', 'Plain', '<p>Can we move my session to Friday?</p>');
    clock.advance(60 * MINUTE);
    await server.notices.run();
    expect(await p.delivered('p1')).toHaveLength(1);
    // Inside the digest window and before any delay has passed: the alert goes at once.
    await p.write('c1', 'p1', 'Tonight', '<p>I want to die, I cannot do this any more.</p>');
    server.ctx.mail.wake();
    for (const key of ['p1', 'fo']) {
      await waitFor(
        `the crisis alert to ${key}`,
        () => smtp.to(emailOf(p.slug, key)).some((m) => m.decoded.includes(CRISIS)),
        PATIENCE,
      );
    }
    await server.notices.run();
    expect(await p.delivered('p1')).toHaveLength(1);
  });

  it('R48: R41 reminder ignores the delay', async () => {
    clock.set('2026-03-10T10:00:00-04:00'); // a Tuesday, 10 am in New York
    const p = await practice({ notificationDelayMinutes: 1440 }); // the default time zone: New York
    await p.write('c1', 'p1', 'Prescription', '<p>Could you send the refill to my pharmacy?</p>');
    // Four business hours later the reminder goes; the new-message email is still a day away.
    clock.set('2026-03-10T14:00:00-04:00');
    expect(await server.safety.run()).toBeGreaterThanOrEqual(1);
    await waitFor(
      'the reminder to p1',
      () => smtp.to(emailOf(p.slug, 'p1')).some((m) => m.decoded.includes(REMINDER)),
      PATIENCE,
    );
    await server.notices.run();
    expect(await p.queued('p1')).toEqual([]);
  });

  it('R48 R21: rounds racing on the same due notices queue one email per person (two nodes on PostgreSQL)', async () => {
    const p = await practice({ notificationDelayMinutes: 1 });
    const recipients = ['c1', 'c2', 'p2', 'p3', 'fo', 'biller', 'admin'];
    for (const subject of ['Group one', 'Group two', 'Group three']) {
      const sent = await (
        await p.as('p1')
      ).post('/api/threads', {
        to: recipients.map((key) => ({ userId: p.ids[key] })),
        subject,
        body: '<p>The office closes early on Friday.</p>',
      });
      expect(sent.status).toBe(201);
    }
    clock.advance(MINUTE);
    const peer = testDb === 'postgres' ? await startPeerServer(server, { SMTP_URL: smtp.url }, clock) : null;
    try {
      const rounds = [server.ctx, server.ctx, ...(peer ? [peer.ctx, peer.ctx] : [])].map((ctx) => runDueNotices(ctx));
      // This node's own timer may run a round too: the count of emails per person is what matters.
      expect((await Promise.all(rounds)).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(recipients.length);
      for (const key of recipients) {
        expect(await p.queued(key)).toHaveLength(1);
        expect(await p.delivered(key)).toHaveLength(1);
      }
    } finally {
      await peer?.close();
    }
  });
});
