import type { LiveEvent, ReceiptsResponse } from '@confide/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { TestClock } from '../../../test/clock';
import { openLive } from '../../../test/live';
import type { TestClient } from '../../../test/client';
import { BODY, startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';

describe(`read receipts (${testDb})`, () => {
  let w: MessagingWorld;
  const clock = new TestClock();
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));

  beforeAll(async () => {
    w = await startMessagingWorld('rcp', clock);
  });
  afterAll(() => w.close());

  const start = async (from: string, keys: string[]) =>
    (await (await w.as(from)).post('/api/threads', { to: to(...keys), subject: 'Receipts', body: BODY })).body
      .thread as {
      id: string;
      messages: { id: string; createdAt: string }[];
    };
  const receipts = async (client: TestClient, threadId: string) => {
    const res = await client.get<ReceiptsResponse>(`/api/threads/${threadId}/receipts`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const of = (body: ReceiptsResponse, messageId: string, key: string) =>
    body.messages.find((m) => m.messageId === messageId)?.receipts.find((r) => r.recipient.id === w.ids[key]);
  const setClientReceipts = async (on: boolean) =>
    expect((await (await w.as('admin')).patch('/api/admin/settings', { clientReadReceipts: on })).status).toBe(200);

  it('R47: signed out 401; someone not in the thread and the other practice 404', async () => {
    const thread = await start('p1', ['c1', 'p2']);
    expect((await w.server.client().get(`/api/threads/${thread.id}/receipts`)).status).toBe(401);
    for (const outsider of [await w.as('p3'), await w.as('c2'), await w.as('admin'), await w.asOther('p1')]) {
      const res = await outsider.get(`/api/threads/${thread.id}/receipts`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('R47: the staff sender sees per recipient whether and when each message was read', async () => {
    const p1 = await w.as('p1');
    const thread = await start('p1', ['c1', 'p2']);
    const first = thread.messages[0]?.id as string;
    const before = await receipts(p1, thread.id);
    expect(before.shown).toBe(true);
    expect(of(before, first, 'c1')).toMatchObject({
      recipient: { name: 'Client One Canary', kind: 'client' },
      read: false,
      readAt: null,
    });
    expect(of(before, first, 'p2')).toMatchObject({ read: false, readAt: null });

    clock.advance(60_000);
    const openedAt = clock.now().toISOString();
    expect((await (await w.as('c1')).get(`/api/threads/${thread.id}`)).status).toBe(200);
    const after = await receipts(p1, thread.id);
    const c1 = of(after, first, 'c1');
    expect(c1?.read).toBe(true);
    expect(c1?.readAt).toBe(openedAt);
    expect(of(after, first, 'p2')?.read).toBe(false);

    // Each message keeps the time it was first read: a later message, marking unread and reading again change nothing.
    clock.advance(60_000);
    const second = (await p1.post(`/api/threads/${thread.id}/messages`, { body: BODY })).body.message.id as string;
    const c1Client = await w.as('c1');
    expect(of(await receipts(p1, thread.id), second, 'c1')?.read).toBe(false);
    clock.advance(60_000);
    const secondReadAt = clock.now().toISOString();
    await c1Client.get(`/api/threads/${thread.id}`);
    clock.advance(60_000);
    await c1Client.patch(`/api/threads/${thread.id}`, { read: false });
    await c1Client.get(`/api/threads/${thread.id}`);
    const later = await receipts(p1, thread.id);
    expect(of(later, first, 'c1')?.readAt).toBe(openedAt);
    expect(of(later, second, 'c1')?.readAt).toBe(secondReadAt);
    // The recipients see no receipts of messages they did not send.
    expect((await receipts(c1Client, thread.id)).messages).toEqual([]);
  });

  it('R47: marking a thread read from the list (R13) counts as reading it; asking for receipts opens nothing', async () => {
    const p1 = await w.as('p1');
    const thread = await start('p1', ['p2']);
    const opened = async () =>
      Number(
        (
          await w.server.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'thread.opened')
            .where('targets', 'like', `%${thread.id}%`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const openedBefore = await opened();
    await receipts(p1, thread.id);
    await receipts(p1, thread.id);
    expect(await opened()).toBe(openedBefore);
    const res = await (await w.as('p2')).post('/api/threads/bulk', { ids: [thread.id], action: 'read' });
    expect(res.body.results).toEqual([{ id: thread.id, ok: true }]);
    expect(of(await receipts(p1, thread.id), thread.messages[0]?.id as string, 'p2')?.read).toBe(true);
  });

  it('R47: client sees receipts only when clientReadReceipts is on', async () => {
    const c1 = await w.as('c1');
    const thread = (await c1.post('/api/threads', { to: to('p1'), subject: 'Question', body: BODY })).body.thread as {
      id: string;
      messages: { id: string }[];
    };
    const message = thread.messages[0]?.id as string;
    await (await w.as('p1')).get(`/api/threads/${thread.id}`);
    expect(await receipts(c1, thread.id)).toEqual({ shown: false, messages: [] });
    await setClientReceipts(true);
    try {
      const shown = await receipts(c1, thread.id);
      expect(shown.shown).toBe(true);
      expect(of(shown, message, 'p1')).toMatchObject({ recipient: { name: 'Staff p1', kind: 'staff' }, read: true });
      expect(of(shown, message, 'p1')?.readAt).toEqual(expect.any(String));
    } finally {
      await setClientReceipts(false);
    }
    expect((await receipts(c1, thread.id)).shown).toBe(false);
  });

  it('R47 R36: staff see every client’s receipt in a thread to several clients; no client learns of another', async () => {
    const p1 = await w.as('p1');
    const thread = await start('p1', ['c1', 'c2']);
    await (await w.as('c2')).get(`/api/threads/${thread.id}`);
    const staffView = await receipts(p1, thread.id);
    const message = thread.messages[0]?.id as string;
    expect(of(staffView, message, 'c1')?.read).toBe(false);
    expect(of(staffView, message, 'c2')?.read).toBe(true);
    await setClientReceipts(true);
    try {
      for (const key of ['c1', 'c2']) {
        const body = await receipts(await w.as(key), thread.id);
        expect(body).toEqual({ shown: true, messages: [] });
        expect(JSON.stringify(body)).not.toContain('Client');
      }
    } finally {
      await setClientReceipts(false);
    }
  });

  it('R47: live — the sender hears "message.read" when a recipient reads; a client only where receipts are on', async () => {
    const p1 = await w.as('p1');
    const thread = await start('p1', ['c1']);
    const live = await openLive(w.server.url, p1);
    try {
      await (await w.as('c1')).get(`/api/threads/${thread.id}`);
      const isRead = (e: LiveEvent) => e.type === 'message.read' && e.threadId === thread.id;
      await live.next(isRead, 30_000);
    } finally {
      live.close();
    }

    const c1 = await w.as('c1');
    const asked = async () =>
      (await c1.post('/api/threads', { to: to('p1'), subject: 'Live question', body: BODY })).body.thread.id as string;
    const clientLive = await openLive(w.server.url, c1);
    try {
      const quiet = await asked();
      await p1.get(`/api/threads/${quiet}`);
      await setClientReceipts(true);
      const heard = await asked();
      await p1.get(`/api/threads/${heard}`);
      await clientLive.next((e) => e.type === 'message.read' && e.threadId === heard, 30_000);
      // Events arrive in order: the one for the thread read while receipts were off never came.
      expect(clientLive.events.some((e) => e.type === 'message.read' && e.threadId === quiet)).toBe(false);
    } finally {
      clientLive.close();
      await setClientReceipts(false);
    }
  });
});
