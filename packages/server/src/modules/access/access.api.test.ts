import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { samplePdf } from '../attachments/test-samples';
import { startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';

interface Entry {
  who: { id: string; name: string; role: string };
  at: string;
  threadId: string;
  action: string;
  ip?: string | null;
}

describe(`R38 access report (${testDb})`, () => {
  let w: MessagingWorld;
  let withFo: string;
  let twoClients: string;
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));
  const send = async (from: string, keys: string[]) =>
    (
      (
        await (
          await w.as(from)
        ).post('/api/threads', { to: to(...keys), subject: 'Plan', body: '<p>See the plan.</p>' })
      ).body.thread as { id: string }
    ).id;
  const open = async (key: string, threadId: string) =>
    expect((await (await w.as(key)).get(`/api/threads/${threadId}`)).status).toBe(200);
  const report = async (key: string, query = '') => (await w.as(key)).get(`/api/clients/${w.ids.c1}/access${query}`);

  beforeAll(async () => {
    w = await startMessagingWorld('acc');
    withFo = await send('p1', ['c1', 'fo']);
    await open('fo', withFo);
    await open('c1', withFo);
    twoClients = await send('p1', ['c1', 'c2']);
    await open('c2', twoClients);
    await open('p1', twoClients);
  });
  afterAll(() => w.close());

  it('R38: signed out → 401, for both reports', async () => {
    expect((await w.server.client().get(`/api/clients/${w.ids.c1}/access`)).status).toBe(401);
    expect((await w.server.client().get('/api/me/access')).status).toBe(401);
  });

  it('R38: an admin sees every opening of a thread with the client — who, role, when, which thread, from where', async () => {
    const res = await report('admin');
    expect(res.status).toBe(200);
    const entries = res.body.entries as Entry[];
    const seen = entries.map((e) => [e.who.name, e.threadId]);
    expect(seen).toEqual([
      ['Staff p1', twoClients],
      ['Client Two', twoClients],
      ['Client One Canary', withFo],
      ['Staff fo', withFo],
    ]);
    expect(entries[0]?.who).toEqual({ id: w.ids.p1, name: 'Staff p1', role: 'provider' });
    expect(entries.every((e) => e.ip === '127.0.0.1' && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(res.body.nextCursor).toBeNull();
  });

  it("R38: the client's providers (current and past) see it; other staff are refused 403", async () => {
    for (const key of ['p1', 'p2']) expect((await report(key)).status, key).toBe(200);
    for (const key of ['p3', 'fo', 'biller', 'agent']) {
      const res = await report(key);
      expect(res.status, key).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('R38: the client themself, another client, another practice and unknown clients get 404', async () => {
    for (const key of ['c1', 'c2']) expect((await report(key)).status, key).toBe(404);
    expect((await (await w.asOther('admin')).get(`/api/clients/${w.ids.c1}/access`)).status).toBe(404);
    expect((await (await w.as('admin')).get(`/api/clients/${w.ids.p1}/access`)).status).toBe(404);
    expect((await (await w.as('admin')).get('/api/clients/no-such-client/access')).status).toBe(404);
  });

  it('R38: paged by cursor, newest first, with no overlap; a bad cursor is refused', async () => {
    const first = await report('admin', '?limit=3');
    expect(first.body.entries).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await report('admin', `?limit=3&cursor=${first.body.nextCursor as string}`);
    expect(second.body.entries.map((e: Entry) => e.who.name)).toEqual(['Staff fo']);
    expect(second.body.nextCursor).toBeNull();
    const bad = await report('admin', '?cursor=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it("R38 + R36: the client's own report lists staff openings only — no address, no other client", async () => {
    const res = await (await w.as('c1')).get('/api/me/access');
    expect(res.status).toBe(200);
    const entries = res.body.entries as Entry[];
    expect(entries.map((e) => [e.who.name, e.who.role, e.threadId])).toEqual([
      ['Staff p1', 'provider', twoClients],
      ['Staff fo', 'front_office', withFo],
    ]);
    expect(entries.every((e) => !('ip' in e))).toBe(true);
    expect(res.text).not.toContain('127.0.0.1');
    expect(res.text).not.toContain('Client Two');
    expect(res.text).not.toContain(w.ids.c2);
    // Staff have no "own" report.
    expect((await (await w.as('p1')).get('/api/me/access')).status).toBe(404);
  });

  it('R38: reading a report is audited as an event about that client', async () => {
    await report('p1');
    const audit = await (await w.as('admin')).get(`/api/admin/audit?action=access.viewed&client=${w.ids.c1}`);
    expect(audit.status).toBe(200);
    const events = audit.body.events as { actorId: string; label: string; clients: { id: string }[] }[];
    expect(events.some((e) => e.actorId === w.ids.p1)).toBe(true);
    expect(events.some((e) => e.actorId === w.ids.c1)).toBe(true);
    expect(events.every((e) => e.label === 'Viewed an access report' && e.clients[0]?.id === w.ids.c1)).toBe(true);
  });

  it("R38 R32: a file downloaded, a quick-note transcript read and an export are openings too; the audit log's client filter finds them", async () => {
    const p1 = await w.as('p1');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(samplePdf('care plan'))]), 'care-plan.pdf');
    const upload = await p1.request('POST', '/api/attachments', form);
    expect(upload.status).toBe(201);
    const attachmentId = upload.body.attachments[0].id as string;
    const sent = await p1.post('/api/threads', {
      to: to('c1'),
      subject: 'Plan',
      body: '<p>See the attached plan.</p>',
      attachmentIds: [attachmentId],
    });
    expect(sent.status).toBe(201);
    const threadId = sent.body.thread.id as string;
    expect((await p1.get(`/api/attachments/${attachmentId}`)).status).toBe(200);
    expect((await p1.get(`/api/threads/${threadId}/quick-note`)).status).toBe(200);
    expect((await (await w.as('admin')).get(`/api/threads/${threadId}/export?format=fhir`)).status).toBe(200);

    const entries = (await report('admin')).body.entries as Entry[];
    const ofThread = entries.filter((e) => e.threadId === threadId).map((e) => [e.who.name, e.action]);
    expect(ofThread).toEqual([
      ['Staff admin', 'thread.exported'],
      ['Staff p1', 'thread.transcript_read'],
      ['Staff p1', 'attachment.downloaded'],
    ]);
    // The client sees the same staff openings (never an address).
    const own = (await (await w.as('c1')).get('/api/me/access')).body.entries as Entry[];
    expect(own.filter((e) => e.threadId === threadId).map((e) => e.action)).toEqual([
      'thread.exported',
      'thread.transcript_read',
      'attachment.downloaded',
    ]);
    const audit = await (await w.as('admin')).get(`/api/admin/audit?action=attachment.downloaded&client=${w.ids.c1}`);
    const events = audit.body.events as { actorId: string; label: string }[];
    expect(events.map((e) => [e.actorId, e.label])).toEqual([[w.ids.p1, 'Downloaded a file']]);
  });
});
