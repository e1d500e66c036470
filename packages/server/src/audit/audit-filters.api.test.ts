import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/harness';
import { startMessagingWorld, type MessagingWorld } from '../modules/threads/messaging.test-helpers';

interface Event {
  seq: number;
  at: string;
  actorId: string | null;
  actor: { id: string; name: string; role: string } | null;
  action: string;
  label: string;
  clients: { id: string; name: string }[];
}

describe(`R32 admin audit log: names, words, filters (${testDb})`, () => {
  let w: MessagingWorld;
  let threadId: string;
  const list = async (query: string) => {
    const res = await (await w.as('admin')).get(`/api/admin/audit?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as { events: Event[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    w = await startMessagingWorld('aud');
    const sent = await (
      await w.as('p1')
    ).post('/api/threads', {
      to: [{ userId: w.ids.c1 }, { userId: w.ids.fo }],
      subject: 'Plan',
      body: '<p>See the plan.</p>',
    });
    threadId = sent.body.thread.id as string;
    await (await w.as('fo')).get(`/api/threads/${threadId}`);
    await (await w.as('c2')).get('/api/me');
    await (await w.as('c1')).get('/api/me');
  });
  afterAll(() => w.close());

  it('R32: events read with names (staff and clients decrypted for the admin) and actions in words', async () => {
    const { events } = await list('limit=100');
    const opened = events.find((e) => e.action === 'thread.opened' && e.actorId === w.ids.fo);
    expect(opened).toMatchObject({
      actor: { id: w.ids.fo, name: 'Staff fo', role: 'front_office' },
      label: 'Opened a conversation',
      clients: [{ id: w.ids.c1, name: 'Client One Canary' }],
    });
    const login = events.find((e) => e.action === 'auth.login' && e.actorId === w.ids.c2);
    expect(login).toMatchObject({ label: 'Signed in', actor: { name: 'Client Two', role: 'client' } });
    // Names are read-time only: the stored rows hold ids.
    const stored = await w.server.db.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(stored)).not.toMatch(/Canary|Staff fo/);
    const links = await w.server.db.selectFrom('audit_clients').selectAll().execute();
    expect(JSON.stringify(links)).not.toMatch(/Canary/);
  });

  it('R32: filter by person, by action, by client (events about them or by them), and by date range', async () => {
    const byFo = await list(`person=${w.ids.fo}&limit=100`);
    expect(byFo.events.length).toBeGreaterThan(0);
    expect(byFo.events.every((e) => e.actorId === w.ids.fo)).toBe(true);

    const opened = await list('action=thread.opened&limit=100');
    expect(opened.events.length).toBeGreaterThan(0);
    expect(opened.events.every((e) => e.action === 'thread.opened')).toBe(true);

    const aboutC1 = await list(`client=${w.ids.c1}&limit=100`);
    expect(aboutC1.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['thread.opened', 'message.sent', 'auth.login']),
    );
    expect(aboutC1.events.every((e) => e.actorId === w.ids.c1 || e.clients.some((c) => c.id === w.ids.c1))).toBe(true);
    expect(aboutC1.events.some((e) => e.actorId === w.ids.c2)).toBe(false);

    const all = await list('limit=100');
    const newest = all.events[0]!;
    const since = await list(`from=${encodeURIComponent(newest.at)}&limit=100`);
    expect(since.events.every((e) => e.at >= newest.at)).toBe(true);
    expect(since.events.map((e) => e.seq)).toContain(newest.seq);
    const before = await list(`to=${encodeURIComponent(newest.at)}&limit=100`);
    expect(before.events.every((e) => e.at < newest.at)).toBe(true);
    expect((await list('from=2999-01-01T00:00:00Z')).events).toEqual([]);
  });

  it('R32: filtered lists page by cursor without overlap', async () => {
    const first = await list(`client=${w.ids.c1}&limit=2`);
    expect(first.events).toHaveLength(2);
    const second = await list(`client=${w.ids.c1}&limit=2&cursor=${first.nextCursor as string}`);
    const firstSeqs = first.events.map((e) => e.seq);
    expect(second.events.every((e) => e.seq < Math.min(...firstSeqs))).toBe(true);
  });

  it('R32: the CSV export takes the same filters, with names and words', async () => {
    const res = await (await w.as('admin')).get(`/api/admin/audit?format=csv&client=${w.ids.c1}&action=thread.opened`);
    expect(res.status).toBe(200);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('seq,at,who,who_id,role,action,action_code,clients,client_ids,records,ip,hash');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(',Opened a conversation,thread.opened,'))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes('Client One Canary'))).toBe(true);
    expect(res.text).toContain('Staff fo');
  });

  it('R32: bad filters are refused; non-admins, clients and signed-out callers are refused', async () => {
    const admin = await w.as('admin');
    for (const query of ['action=auth.nonsense', 'from=yesterday', 'cursor=x']) {
      const res = await admin.get(`/api/admin/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await (await w.as('p1')).get('/api/admin/audit')).status).toBe(403);
    expect((await (await w.as('c1')).get('/api/admin/audit')).status).toBe(403);
    expect((await w.server.client().get('/api/admin/audit')).status).toBe(401);
    // Another practice's admin filtering by this practice's client finds nothing of it.
    const other = await (await w.asOther('admin')).get(`/api/admin/audit?client=${w.ids.c1}`);
    expect(other.status).toBe(200);
    expect(other.body.events).toEqual([]);
  });
});
