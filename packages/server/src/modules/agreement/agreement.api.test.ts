import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client';
import { TestClock } from '../../../test/clock';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';

const BODY = '<p>A question about my next appointment.</p>';
const TEXT_V1 =
  'Messaging is for non-urgent questions. We reply within two business days. In an emergency call 911 or 988.';
const TEXT_V2 = `${TEXT_V1}\n\nYour providers and the front office can read your messages.`;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe(`R43 messaging agreement (${testDb})`, () => {
  const clock = new TestClock(Date.parse('2026-12-03T15:00:00.000Z'));
  let server: TestServer;
  let slug: string;
  let otherSlug: string;
  let ids: Record<string, string>;
  let threadId: string;
  /** A fresh sign-in at the clock's time (moving the clock ends idle sessions). */
  const as = (key: string, practice = slug): Promise<TestClient> =>
    server.client().login(practice, emailOf(practice, key), PASSWORD);
  const send = async (key: string) =>
    (await as(key)).post('/api/threads', { to: [{ userId: ids.p1 }], subject: 'Appointment', body: BODY });

  beforeAll(async () => {
    server = await startTestServer({}, clock);
    const fixture = standardPractice(uniqueSlug('agreement'));
    slug = fixture.practice.slug;
    ({ ids } = await server.seed(fixture));
    const other = standardPractice(uniqueSlug('agreement-other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('R43: until the practice publishes an agreement there is nothing to accept and clients write as before', async () => {
    const status = await (await as('c1')).get('/api/agreement');
    expect(status.body).toEqual({ agreement: null, acceptance: null, required: false });
    const sent = await send('c1');
    expect(sent.status).toBe(201);
    threadId = sent.body.thread.id;
    expect((await (await as('c1')).post('/api/agreement/acceptances', { version: 1 })).status).toBe(404);
  });

  it('R43: only admins publish the agreement, as a numbered version with the hash of its text', async () => {
    expect((await server.client().put('/api/admin/agreement', { text: TEXT_V1 })).status).toBe(401);
    expect((await (await as('p1')).put('/api/admin/agreement', { text: TEXT_V1 })).status).toBe(403);
    expect((await (await as('c1')).put('/api/admin/agreement', { text: TEXT_V1 })).status).toBe(403);
    const short = await (await as('admin')).put('/api/admin/agreement', { text: 'Too short.' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('validation_failed');

    const published = await (await as('admin')).put('/api/admin/agreement', { text: TEXT_V1 });
    expect(published.status).toBe(200);
    expect(published.body.agreement).toEqual({
      version: 1,
      text: TEXT_V1,
      hash: sha256(TEXT_V1),
      publishedAt: '2026-12-03T15:00:00.000Z',
    });
    // The same text again is the same version.
    expect((await (await as('admin')).put('/api/admin/agreement', { text: TEXT_V1 })).body.agreement.version).toBe(1);
    // Another practice still has none.
    expect((await (await as('c1', otherSlug)).get('/api/agreement')).body.agreement).toBeNull();
  });

  it('R43: a client who has not accepted the current version cannot send — new message, reply or draft — and gets agreement_required', async () => {
    const client = await as('c1');
    expect((await client.get('/api/agreement')).body).toMatchObject({
      agreement: { version: 1 },
      acceptance: null,
      required: true,
    });
    const refused = await send('c1');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'agreement_required' });
    const reply = await client.post(`/api/threads/${threadId}/messages`, { body: BODY });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('agreement_required');
    const draft = await client.post('/api/drafts', { to: [{ userId: ids.p1 }], subject: 'Later', body: BODY });
    expect(draft.status).toBe(201);
    const draftSend = await client.post(`/api/drafts/${draft.body.draft.id}/send`);
    expect(draftSend.status).toBe(403);
    expect(draftSend.body.error.code).toBe('agreement_required');
    // Nothing was half-saved: the thread still holds only its first message, and the draft is kept.
    expect((await client.get(`/api/threads/${threadId}`)).body.thread.messages).toHaveLength(1);
    expect((await client.get('/api/drafts')).body.drafts).toHaveLength(1);
    // Staff are never asked.
    expect((await (await as('p1')).get('/api/agreement')).body.required).toBe(false);
    expect((await (await as('p1')).post(`/api/threads/${threadId}/messages`, { body: BODY })).status).toBe(201);
  });

  it('R43: the client accepts the current version (version, time and hash kept and audited), then sends', async () => {
    clock.set('2026-12-03T16:00:00.000Z');
    const client = await as('c1');
    const stale = await client.post('/api/agreement/acceptances', { version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await (await as('p1')).post('/api/agreement/acceptances', { version: 1 })).status).toBe(403);

    const accepted = await client.post('/api/agreement/acceptances', { version: 1 });
    expect(accepted.status).toBe(201);
    expect(accepted.body.acceptance).toEqual({
      version: 1,
      hash: sha256(TEXT_V1),
      acceptedAt: '2026-12-03T16:00:00.000Z',
    });
    expect((await client.get('/api/agreement')).body.required).toBe(false);
    expect((await send('c1')).status).toBe(201);
    // Another client still has to accept.
    expect((await send('c2')).body.error.code).toBe('agreement_required');

    const events = (await (await as('admin')).get(`/api/admin/audit?client=${ids.c1}&limit=50`)).body.events as {
      action: string;
      targets: Record<string, string>;
    }[];
    expect(events.find((e) => e.action === 'agreement.accepted')?.targets).toEqual({
      clientId: ids.c1,
      version: '1',
      hash: sha256(TEXT_V1),
    });
  });

  it('R43: a changed text is a new version that every client accepts again', async () => {
    clock.set('2026-12-10T09:00:00.000Z');
    const published = await (await as('admin')).put('/api/admin/agreement', { text: TEXT_V2 });
    expect(published.body.agreement).toMatchObject({ version: 2, hash: sha256(TEXT_V2) });
    const client = await as('c1');
    expect((await client.get('/api/agreement')).body).toMatchObject({
      required: true,
      acceptance: { version: 1 },
      agreement: { version: 2 },
    });
    expect(
      (await client.post('/api/threads', { to: [{ userId: ids.p1 }], subject: 'Again', body: BODY })).body.error.code,
    ).toBe('agreement_required');
    expect((await client.post('/api/agreement/acceptances', { version: 2 })).status).toBe(201);
    expect((await client.post('/api/threads', { to: [{ userId: ids.p1 }], subject: 'Again', body: BODY })).status).toBe(
      201,
    );
    const events = (await (await as('admin')).get('/api/admin/audit?limit=100')).body.events as {
      action: string;
      targets: Record<string, string>;
    }[];
    expect(events.filter((e) => e.action === 'admin.agreement.published').map((e) => e.targets.version)).toEqual([
      '2',
      '1',
    ]);
  });

  it("R43: staff who see the client's page see their acceptances; others do not", async () => {
    clock.set('2026-12-10T09:05:00.000Z');
    const path = `/api/clients/${ids.c1}/agreement`;
    expect((await server.client().get(path)).status).toBe(401);
    expect((await (await as('c1')).get(path)).status).toBe(404);
    expect((await (await as('p1', otherSlug)).get(path)).status).toBe(404);
    expect((await (await as('fo')).get(path)).status).toBe(403);
    expect((await (await as('p1')).get(`/api/clients/${ids.p2}/agreement`)).status).toBe(404);
    for (const key of ['p1', 'admin']) {
      const shown = await (await as(key)).get(path);
      expect(shown.status, key).toBe(200);
      expect(shown.body).toEqual({
        current: { version: 2, hash: sha256(TEXT_V2) },
        acceptances: [
          { version: 2, hash: sha256(TEXT_V2), acceptedAt: '2026-12-10T09:00:00.000Z' },
          { version: 1, hash: sha256(TEXT_V1), acceptedAt: '2026-12-03T16:00:00.000Z' },
        ],
      });
    }
    // A client who never accepted shows none.
    expect((await (await as('p1')).get(`/api/clients/${ids.c2}/agreement`)).body.acceptances).toEqual([]);
  });
});
