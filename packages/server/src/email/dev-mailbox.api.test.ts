import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { waitFor } from '../../test/smtp';
import { readMailbox } from './mailbox';

/** Asks for a password reset (a public call) and waits until its email is in the local mailbox. */
async function resetEmailFor(server: TestServer, slug: string, email: string) {
  const res = await server.client().post('/api/auth/password-reset', { practice: slug, email });
  expect(res.status).toBe(202);
  return waitFor(`the reset email to ${email}`, async () => {
    const emails = await readMailbox(server.dataDir, { to: email });
    return emails.length > 0 ? emails : null;
  });
}

describe(`GET /api/dev/mailbox, the embedded default's mailbox (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let otherSlug: string;

  beforeAll(async () => {
    server = await startTestServer();
    slug = uniqueSlug('mbox');
    otherSlug = uniqueSlug('mbox-other');
    await server.seed(standardPractice(slug));
    await server.seed(standardPractice(otherSlug));
    await resetEmailFor(server, slug, emailOf(slug, 'admin'));
    await resetEmailFor(server, otherSlug, emailOf(otherSlug, 'admin'));
  });
  afterAll(() => server?.close());

  it('R21: a signed-out caller cannot read the mailbox (its reset links sign people in)', async () => {
    const res = await server.client().get(`/api/dev/mailbox?to=${encodeURIComponent(emailOf(slug, 'admin'))}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.text).not.toContain('reset-password');
  });

  it('R21: staff who are not admins, and clients, cannot read it', async () => {
    for (const key of ['p1', 'fo', 'c1']) {
      const someone = await server.client().login(slug, emailOf(slug, key), PASSWORD);
      const res = await someone.get('/api/dev/mailbox');
      expect(res.status, key).toBe(403);
      expect(res.body.error.code, key).toBe('forbidden');
    }
  });

  it("R21: an admin reads their own practice's emails only, never another practice's", async () => {
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const mine = await admin.get('/api/dev/mailbox');
    expect(mine.status).toBe(200);
    expect(mine.body.emails.map((e: { to: string }) => e.to)).toEqual([emailOf(slug, 'admin')]);
    expect(mine.body.emails[0].text).toContain(`/p/${slug}/`);
    expect(Object.keys(mine.body.emails[0]).sort()).toEqual(['html', 'sentAt', 'subject', 'text', 'to']);
    const theirs = await admin.get(`/api/dev/mailbox?to=${encodeURIComponent(emailOf(otherSlug, 'admin'))}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.emails).toEqual([]);
    // Both emails are in the file: the operator (`confide mail`) sees every practice's.
    expect((await readMailbox(server.dataDir)).length).toBe(2);
  });
});

describe(`GET /api/dev/mailbox with NODE_ENV=production (${testDb})`, () => {
  let server: TestServer;
  let slug: string;

  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: 'production' });
    slug = uniqueSlug('mbox-prod');
    await server.seed(standardPractice(slug));
    await resetEmailFor(server, slug, emailOf(slug, 'admin'));
  });
  afterAll(() => server?.close());

  it('R21: in production the route is not served, even to an admin, while the emails stay in the file', async () => {
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const res = await admin.get('/api/dev/mailbox');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
