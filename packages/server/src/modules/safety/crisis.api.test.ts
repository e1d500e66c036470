import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { openLive } from '../../../test/live';
import { TestSmtp, waitFor } from '../../../test/smtp';
import type { TestClient } from '../../../test/client';

const CANARY = { subject: 'Subject-Crisiscanary', body: 'Body-Crisiscanary: I want to end my life tonight.' };

describe(`R42 crisis language (${testDb})`, () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let slug: string;
  let ids: Record<string, string>;
  let otherSlug: string;
  const clients = new Map<string, TestClient>();
  const as = async (key: string, practice = slug) => {
    let client = clients.get(`${practice}/${key}`);
    if (!client) {
      client = await server.client().login(practice, emailOf(practice, key), PASSWORD);
      clients.set(`${practice}/${key}`, client);
    }
    return client;
  };
  const audit = async () => {
    const events = (await (await as('admin')).get('/api/admin/audit?limit=100')).body.events as {
      action: string;
      targets: Record<string, string>;
    }[];
    return events;
  };
  const folder = async (key: string, name: string) =>
    ((await (await as(key)).get(`/api/threads?folder=${name}`)).body.threads as { id: string; alerts?: string[] }[]) ??
    [];

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    server = await startTestServer({ SMTP_URL: smtp.url });
    const fixture = standardPractice(uniqueSlug('crisis'));
    slug = fixture.practice.slug;
    ({ ids } = await server.seed(fixture));
    const other = standardPractice(uniqueSlug('crisis-other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  it('R42: a client message with words of crisis is sent, answers crisis: true, and flags the thread for its staff and the front office', async () => {
    const p1 = await as('p1');
    const live = await openLive(server.url, p1);
    const client = await as('c1');
    const sent = await client.post('/api/threads', {
      to: [{ userId: ids.p1 }],
      subject: CANARY.subject,
      body: `<p>${CANARY.body}</p>`,
    });
    expect(sent.status).toBe(201);
    expect(sent.body.crisis).toBe(true);
    const threadId = sent.body.thread.id as string;
    expect(sent.body.thread.alerts).toBeUndefined();
    await live.next((e) => e.type === 'alert.raised' && e.threadId === threadId && e.kind === 'crisis');
    live.close();

    // The thread's provider and the escalation group (front office: fo and the admin) see it flagged.
    for (const key of ['p1', 'fo', 'admin']) {
      const flagged = await folder(key, 'crisis');
      expect(flagged.map((t) => t.id)).toEqual([threadId]);
      expect(flagged[0]?.alerts).toEqual(['crisis']);
      expect((await (await as(key)).get(`/api/threads/${threadId}`)).body.thread.alerts).toEqual(['crisis']);
    }
    // Not a provider outside the thread, not the client, not another practice.
    expect(await folder('p2', 'crisis')).toEqual([]);
    expect(await folder('c1', 'crisis')).toEqual([]);
    const seen = (await client.get(`/api/threads/${threadId}`)).body.thread;
    expect(seen.alerts).toBeUndefined();
    // The client still sees the conversation with the person they wrote to; the group stays backstage.
    expect(seen.participants.map((p: { id: string }) => p.id).sort()).toEqual([ids.c1, ids.p1].sort());
    const staffView = (await p1.get(`/api/threads/${threadId}`)).body.thread;
    expect(staffView.participants.map((p: { id: string }) => p.id).sort()).toEqual(
      [ids.c1, ids.p1, ids.fo, ids.admin].sort(),
    );

    const actions = (await audit()).filter((e) => e.targets.threadId === threadId).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['safety.crisis.detected', 'safety.crisis.alerted', 'thread.joined']),
    );
  });

  it('R42: the alert emails say only "A secure message needs prompt attention" — no PHI', async () => {
    for (const key of ['p1', 'fo', 'admin']) {
      await waitFor(`alert email to ${key}`, () =>
        smtp.to(emailOf(slug, key)).find((m) => m.decoded.includes('needs prompt attention')),
      );
    }
    const alerts = smtp.received.filter((m) => m.decoded.includes('needs prompt attention'));
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    for (const mail of alerts) {
      expect(mail.decoded).toContain('Subject: A secure message needs prompt attention');
      for (const canary of [CANARY.subject, 'Crisiscanary', 'end my life', 'Client One', 'Staff p1']) {
        expect(mail.decoded.includes(canary), `${canary} in an alert email`).toBe(false);
      }
    }
  });

  it('R42: acknowledging unpins the thread, is audited, and is for staff of the thread only', async () => {
    const [flagged] = await folder('p1', 'crisis');
    const threadId = flagged!.id;
    expect((await server.client().post(`/api/threads/${threadId}/crisis/acknowledge`)).status).toBe(401);
    expect((await (await as('p1', otherSlug)).post(`/api/threads/${threadId}/crisis/acknowledge`)).status).toBe(404);
    expect((await (await as('p2')).post(`/api/threads/${threadId}/crisis/acknowledge`)).status).toBe(404);
    expect((await (await as('c1')).post(`/api/threads/${threadId}/crisis/acknowledge`)).status).toBe(403);

    const fo = await as('fo');
    const done = await fo.post(`/api/threads/${threadId}/crisis/acknowledge`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ threadId, kind: 'crisis' });
    for (const key of ['p1', 'fo', 'admin']) expect(await folder(key, 'crisis')).toEqual([]);
    expect((await (await as('p1')).get(`/api/threads/${threadId}`)).body.thread.alerts).toEqual([]);
    expect((await fo.post(`/api/threads/${threadId}/crisis/acknowledge`)).status).toBe(404);
    const ack = (await audit()).find((e) => e.action === 'safety.crisis.acknowledged');
    expect(ack?.targets.threadId).toBe(threadId);
  });

  it('R42: replies and draft sends are checked; ordinary words and staff messages are not flagged', async () => {
    const client = await as('c2');
    const plain = await client.post('/api/threads', {
      to: [{ userId: ids.p1 }],
      subject: 'Schedule',
      body: 'That was a killer workout, see you Friday.',
    });
    expect(plain.body.crisis).toBe(false);
    const threadId = plain.body.thread.id as string;
    const staff = await (
      await as('p1')
    ).post(`/api/threads/${threadId}/messages`, {
      body: 'If you ever feel suicidal, call 988 right away.',
    });
    expect(staff.status).toBe(201);
    expect(staff.body.crisis).toBe(false);
    expect((await folder('p1', 'crisis')).map((t) => t.id)).not.toContain(threadId);

    const reply = await client.post(`/api/threads/${threadId}/messages`, { body: 'Honestly I just wnat to die.' });
    expect(reply.status).toBe(201);
    expect(reply.body.crisis).toBe(true);
    expect((await folder('p1', 'crisis')).map((t) => t.id)).toContain(threadId);

    const draft = await client.post('/api/drafts', {
      threadId,
      body: 'Quiero morirme, no puedo más.',
    });
    expect(draft.status).toBe(201);
    const sentDraft = await client.post(`/api/drafts/${draft.body.draft.id}/send`);
    expect(sentDraft.status).toBe(201);
    expect(sentDraft.body.crisis).toBe(true);
    // Still one open alert for the thread; each detection is audited.
    const detections = (await audit()).filter(
      (e) => e.action === 'safety.crisis.detected' && e.targets.threadId === threadId,
    );
    expect(detections).toHaveLength(2);
    const alerted = (await audit()).filter(
      (e) => e.action === 'safety.crisis.alerted' && e.targets.threadId === threadId,
    );
    expect(alerted).toHaveLength(1);
  });

  it('R42: the practice edits its list; the new words are matched', async () => {
    const admin = await as('admin');
    const patched = await admin.patch('/api/admin/settings', { crisisWords: ['hopeless'] });
    expect(patched.status).toBe(200);
    expect(patched.body.settings.crisisWords).toEqual(['hopeless']);
    expect((await admin.patch('/api/admin/settings', { crisisWords: [''] })).status).toBe(400);
    const client = await as('c2');
    const own = await client.post('/api/threads', {
      to: [{ userId: ids.p1 }],
      subject: 'Week',
      body: 'I feel HOPELESS about everything.',
    });
    expect(own.body.crisis).toBe(true);
    const old = await client.post('/api/threads', {
      to: [{ userId: ids.p1 }],
      subject: 'Week',
      body: 'I want to die.',
    });
    expect(old.body.crisis).toBe(false);
  });
});
