import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { latestLinkToken } from '../../test/links';
import { settle, TestSmtp, waitFor } from '../../test/smtp';
import { mailboxPath } from '../email/mailbox';
import { transact } from '../db/transact';
import { enqueueEmails } from './enqueue';
import { samplePdf } from '../modules/attachments/test-samples';

/** Queues new-message notices as the messaging module does: in a transaction, which wakes the worker once committed. */
async function queueNotices(server: TestServer, practiceId: string, recipientIds: string[]): Promise<void> {
  await transact(server.ctx, (tx) =>
    enqueueEmails(
      tx,
      recipientIds.map((recipientId) => ({ practiceId, recipientId, template: 'new_message' as const })),
    ),
  );
}

async function outboxRow(server: TestServer, recipientId: string) {
  return server.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient_id', '=', recipientId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

describe(`mail outbox over SMTP (${testDb})`, () => {
  let smtp: TestSmtp;
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  let otherSlug: string;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    server = await startTestServer({ SMTP_URL: smtp.url });
    const fixture = standardPractice(uniqueSlug('mail'));
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
    const other = standardPractice(uniqueSlug('mail-other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  it('R20: each recipient gets exactly one neutral email with a sign-in link, from a neutral sender', async () => {
    await queueNotices(server, practiceId, [ids.p1!, ids.c1!]);
    for (const key of ['p1', 'c1']) await waitFor(`email to ${key}`, () => smtp.to(emailOf(slug, key)).length > 0);
    await settle();
    for (const key of ['p1', 'c1']) {
      const mails = smtp.to(emailOf(slug, key));
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.decoded).toMatch(/^From: Confide <no-reply@confide\.test>$/m);
      expect(mail.decoded).toMatch(/^Subject: New secure message$/m);
      expect(mail.decoded).toContain(`http://confide.test/p/${slug}/sign-in`);
      expect(mail.decoded).toContain('You have a new secure message waiting in your portal.');
      // Nobody's name: not the recipient's, not anyone else's.
      expect(mail.decoded).not.toMatch(/Client One Canary|Staff p1|Staff admin/);
    }
    const row = await outboxRow(server, ids.c1!);
    expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null });
  });

  it('R20: a sent message emails each recipient with a portal exactly once, with no subject, body, name or file name; the sender and a client without a portal get none', async () => {
    const p1 = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    const form = new FormData();
    const pdf = new Uint8Array(samplePdf('walrus'));
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'Walrus-Canary-File.pdf');
    const upload = await p1.post('/api/attachments', form);
    expect(upload.status).toBe(201);
    const before = smtp.received.length;
    const res = await p1.post('/api/threads', {
      to: [{ userId: ids.c1 }, { userId: ids.c4 }, { userId: ids.p2 }, { userId: ids.fo }],
      subject: 'Zebra Canary Subject',
      body: '<p>Quokka canary body, long enough.</p>',
      attachmentIds: upload.body.attachments.map((a: { id: string }) => a.id),
    });
    expect(res.status).toBe(201);
    const recipients = ['c1', 'p2', 'fo'].map((k) => emailOf(slug, k));
    const fresh = () => smtp.received.slice(before);
    await waitFor('three emails', () => recipients.every((a) => fresh().some((m) => m.to.includes(a))));
    await settle();
    const mails = fresh();
    expect(
      mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual([...recipients].sort());
    for (const mail of mails) {
      expect(mail.decoded).toContain(`http://confide.test/p/${slug}/sign-in`);
      expect(mail.decoded).not.toMatch(/Zebra|Quokka|Walrus|Staff p1|Client One Canary|Client Four NoPortal/i);
    }
  });

  it('R20: a client without a portal account, a disabled account or an unknown recipient gets nothing; the outbox says why', async () => {
    await server.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', ids.agent!).execute();
    await queueNotices(server, practiceId, [ids.c4!, ids.agent!, 'no-such-user']);
    const reasons = await waitFor('three failed deliveries', async () => {
      const rows = await Promise.all([ids.c4!, ids.agent!, 'no-such-user'].map((id) => outboxRow(server, id)));
      return rows.every((r) => r?.state === 'failed') ? rows.map((r) => r!.last_error) : null;
    });
    expect(reasons).toEqual([
      'recipient has no portal account',
      'recipient account is disabled',
      'recipient no longer exists',
    ]);
    expect(smtp.to(emailOf(slug, 'c4'))).toHaveLength(0);
    expect(smtp.to(emailOf(slug, 'agent'))).toHaveLength(0);
  });

  it('R21: an SMTP outage delays an email but neither loses nor duplicates it; the retry shows in the outbox', async () => {
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const p1 = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    await smtp.stop();
    try {
      // The send itself neither waits on nor fails because of mail.
      const sent = await p1.post('/api/threads', {
        to: [{ userId: ids.c2 }],
        subject: 'Outage',
        body: '<p>Sent while mail is down.</p>',
      });
      expect(sent.status).toBe(201);
      const pending = await waitFor('a failed first attempt', async () => {
        const res = await admin.get('/api/admin/outbox');
        const entry = res.body.deliveries.find((d: { recipientId: string }) => d.recipientId === ids.c2);
        return entry?.attempts >= 1 && entry.lastError ? entry : null;
      });
      expect(pending).toMatchObject({ kind: 'new_message', state: 'pending', sentAt: null });
      expect(pending.lastError).toMatch(/ECONNREFUSED/);
      expect(Date.parse(pending.nextAttemptAt)).toBeGreaterThan(Date.parse(pending.createdAt));
    } finally {
      await smtp.start();
    }
    await waitFor('the retried email', () => smtp.to(emailOf(slug, 'c2')).length > 0, 25_000);
    await settle();
    expect(smtp.to(emailOf(slug, 'c2'))).toHaveLength(1);
    const res = await admin.get('/api/admin/outbox');
    const entry = res.body.deliveries.find((d: { recipientId: string }) => d.recipientId === ids.c2);
    expect(entry).toMatchObject({ state: 'sent', lastError: null, nextAttemptAt: null });
    expect(entry.attempts).toBeGreaterThanOrEqual(2);
    expect(entry.sentAt).toEqual(expect.any(String));
  });

  it('R21: a server answering 451 is retried; the outbox shows the SMTP code and no address', async () => {
    smtp.rejecting = true;
    try {
      await queueNotices(server, practiceId, [ids.p3!]);
      const row = await waitFor('a rejected attempt', async () => {
        const r = await outboxRow(server, ids.p3!);
        return r?.last_error ? r : null;
      });
      expect(row.state).toBe('pending');
      expect(row.last_error).toMatch(/^SMTP 451/);
      expect(row.last_error).not.toContain(emailOf(slug, 'p3'));
    } finally {
      smtp.rejecting = false;
    }
    await waitFor('the accepted retry', () => smtp.to(emailOf(slug, 'p3')).length > 0, 25_000);
    await settle();
    expect(smtp.to(emailOf(slug, 'p3'))).toHaveLength(1);
    expect(await outboxRow(server, ids.p3!)).toMatchObject({ state: 'sent' });
  });

  it('R28: a password-reset email carries its one-time token in the link fragment only', async () => {
    const res = await server.client().post('/api/auth/password-reset', { practice: slug, email: emailOf(slug, 'c2') });
    expect(res.status).toBe(202);
    const mail = await waitFor('the reset email', () =>
      smtp.to(emailOf(slug, 'c2')).find((m) => /^Subject: Reset your password$/m.test(m.decoded)),
    );
    const token = await latestLinkToken(server, practiceId, ids.c2!, 'reset');
    expect(mail.decoded).toContain(`http://confide.test/p/${slug}/reset-password#token=${token}`);
    expect(mail.decoded).not.toMatch(/\?token=/);
  });

  it('R21: GET /api/admin/outbox — signed out 401, non-admin 403', async () => {
    expect((await server.client().get('/api/admin/outbox')).status).toBe(401);
    const provider = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    const res = await provider.get('/api/admin/outbox');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it("R21: other practice — an admin sees only their own practice's deliveries, never content", async () => {
    const otherAdmin = await server.client().login(otherSlug, emailOf(otherSlug, 'admin'), PASSWORD);
    const res = await otherAdmin.get('/api/admin/outbox');
    expect(res.status).toBe(200);
    const mine = new Set(Object.values(ids));
    expect(res.body.deliveries.some((d: { recipientId: string }) => mine.has(d.recipientId))).toBe(false);
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const own = await admin.get('/api/admin/outbox');
    expect(own.body.deliveries.length).toBeGreaterThan(0);
    expect(Object.keys(own.body.deliveries[0]).sort()).toEqual(
      ['attempts', 'createdAt', 'id', 'kind', 'lastError', 'nextAttemptAt', 'recipientId', 'sentAt', 'state'].sort(),
    );
  });

  it('R21: the outbox is newest first and paged by cursor', async () => {
    await queueNotices(
      server,
      practiceId,
      Array.from({ length: 55 }, () => 'paging-nobody'),
    );
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const first = await admin.get('/api/admin/outbox');
    expect(first.body.deliveries).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await admin.get(`/api/admin/outbox?cursor=${first.body.nextCursor}`);
    const all = [...first.body.deliveries, ...second.body.deliveries].map((d: { id: string }) => d.id);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort().reverse()).toEqual(all);
    const total = await server.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('practice_id', '=', practiceId)
      .executeTakeFirstOrThrow();
    expect(all).toHaveLength(Number(total.n));
    expect(second.body.nextCursor).toBeNull();
  });

  it('R21: with SMTP_URL set there is no dev mailbox (404) and no local mailbox file', async () => {
    // Signed out, an unknown /api route is denied (401) like any other; signed in it does not exist.
    expect((await server.client().get('/api/dev/mailbox')).status).toBe(401);
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    expect((await admin.get('/api/dev/mailbox')).status).toBe(404);
    expect(existsSync(mailboxPath(server.dataDir))).toBe(false);
  });
});

describe(`mail outbox, embedded local mailbox (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('mbox'), { notificationText: 'Canary notice: sign in, please.' });
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
  });
  afterAll(() => server?.close());

  it('R21: without SMTP_URL every email lands in the local mailbox, readable by its admins through GET /api/dev/mailbox?to=', async () => {
    await queueNotices(server, practiceId, [ids.c1!, ids.p2!]);
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const emails = await waitFor('the mailbox email', async () => {
      const res = await admin.get(`/api/dev/mailbox?to=${encodeURIComponent(emailOf(slug, 'C1').toUpperCase())}`);
      expect(res.status).toBe(200);
      return res.body.emails.length > 0 ? res.body.emails : null;
    });
    await settle();
    const again = await admin.get(`/api/dev/mailbox?to=${encodeURIComponent(emailOf(slug, 'c1'))}`);
    expect(again.body.emails).toHaveLength(1);
    expect(emails[0]).toEqual({
      to: emailOf(slug, 'c1'),
      subject: 'New secure message',
      text: expect.stringContaining(`http://confide.test/p/${slug}/sign-in`),
      html: expect.stringContaining(`href="http://confide.test/p/${slug}/sign-in"`),
      sentAt: expect.any(String),
    });
    expect(emails[0].text).toContain('Canary notice: sign in, please.');
    const all = await admin.get('/api/dev/mailbox');
    expect(all.body.emails.map((e: { to: string }) => e.to).sort()).toEqual(
      [emailOf(slug, 'c1'), emailOf(slug, 'p2')].sort(),
    );
  });
});
