import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { BODY, insertAttachment, startMessagingWorld, unreadOf, type MessagingWorld } from './messaging.test-helpers';

describe(`mailbox: folders, unread, bulk, deletion (${testDb})`, () => {
  let w: MessagingWorld;
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));
  const send = async (from: string, keys: string[], extra: Record<string, unknown> = {}) => {
    const res = await (
      await w.as(from)
    ).post('/api/threads', { to: to(...keys), subject: 'Check-in', body: BODY, ...extra });
    expect(res.status).toBe(201);
    return res.body.thread as { id: string; messages: { id: string }[] };
  };
  const reply = async (from: string, id: string) => {
    const res = await (await w.as(from)).post(`/api/threads/${id}/messages`, { body: '<p>Replying with detail.</p>' });
    expect(res.status).toBe(201);
    return res.body.message as { id: string };
  };
  const folder = async (key: string, name: string) => {
    const res = await (await w.as(key)).get(`/api/threads?folder=${name}&limit=100`);
    expect(res.status).toBe(200);
    return (res.body.threads as { id: string }[]).map((t) => t.id);
  };
  /** Every badge in the practice equals the number of unread Inbox threads (R12: counters, not counting). */
  const expectCountersExact = async () => {
    const db = w.server.ctx.db;
    const users = await db
      .selectFrom('users')
      .select(['id', 'unread_count'])
      .where('practice_id', '=', w.practiceId)
      .execute();
    const rows = await db
      .selectFrom('thread_participants')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('practice_id', '=', w.practiceId)
      .where('unread', '=', 1)
      .where('archived', '=', 0)
      .where('has_incoming', '=', 1)
      .groupBy('user_id')
      .execute();
    const counted = new Map(rows.map((r) => [r.user_id, Number(r.n)]));
    for (const user of users) expect(Number(user.unread_count)).toBe(counted.get(user.id) ?? 0);
  };

  beforeAll(async () => {
    w = await startMessagingWorld('mbx');
  });
  afterAll(() => w.close());

  it('R30: signed out, bulk and deletion answer 401', async () => {
    const anon = w.server.client();
    expect((await anon.post('/api/threads/bulk', { ids: ['x'], action: 'read' })).status).toBe(401);
    expect((await anon.delete('/api/threads/x')).status).toBe(401);
    expect((await anon.delete('/api/messages/x')).status).toBe(401);
  });

  it('R11: Inbox holds threads someone wrote to me in, Sent those I wrote in, Archive the archived', async () => {
    const t = await send('p1', ['c1']);
    expect(await folder('p1', 'sent')).toContain(t.id);
    expect(await folder('p1', 'inbox')).not.toContain(t.id);
    expect(await folder('c1', 'inbox')).toContain(t.id);
    expect(await folder('c1', 'sent')).not.toContain(t.id);
    await reply('c1', t.id);
    expect(await folder('c1', 'sent')).toContain(t.id);
    expect(await folder('p1', 'inbox')).toContain(t.id);
    const c1 = await w.as('c1');
    expect((await c1.patch(`/api/threads/${t.id}`, { archived: true })).body.thread.archived).toBe(true);
    expect(await folder('c1', 'inbox')).not.toContain(t.id);
    expect(await folder('c1', 'archive')).toContain(t.id);
    // A new reply brings the thread back to the archived participant's Inbox.
    await reply('p1', t.id);
    expect(await folder('c1', 'inbox')).toContain(t.id);
    expect(await folder('c1', 'archive')).not.toContain(t.id);
    await expectCountersExact();
  });

  it('R12: the badge follows arrive, open, mark unread, archive, move to Inbox — exactly', async () => {
    const c2 = await w.as('c2');
    const base = await unreadOf(c2);
    const t = await send('p2', ['c2']);
    expect(await unreadOf(c2)).toBe(base + 1);
    await reply('p2', t.id); // a second message in an unread thread does not count twice
    expect(await unreadOf(c2)).toBe(base + 1);
    await c2.get(`/api/threads/${t.id}`);
    expect(await unreadOf(c2)).toBe(base);
    await c2.get(`/api/threads/${t.id}`); // opening again changes nothing
    expect(await unreadOf(c2)).toBe(base);
    expect((await c2.patch(`/api/threads/${t.id}`, { read: false })).body.thread.unread).toBe(true);
    expect(await unreadOf(c2)).toBe(base + 1);
    await c2.patch(`/api/threads/${t.id}`, { archived: true });
    expect(await unreadOf(c2)).toBe(base);
    await c2.patch(`/api/threads/${t.id}`, { archived: false });
    expect(await unreadOf(c2)).toBe(base + 1);
    await c2.patch(`/api/threads/${t.id}`, { read: true });
    expect(await unreadOf(c2)).toBe(base);
    // The sender never counts their own message.
    expect((await (await w.as('p2')).patch(`/api/threads/${t.id}`, { read: false })).status).toBe(200);
    await expectCountersExact();
    const me = await c2.get('/api/me');
    expect(me.body.unread).toBe(base);
  });

  it('R12: concurrent replies from both sides and reads in one thread keep every badge exact', async () => {
    const t = await send('p2', ['c2']);
    const [p2, c2] = [await w.as('p2'), await w.as('c2')];
    await Promise.all([
      ...Array.from({ length: 3 }, () => reply('p2', t.id)),
      ...Array.from({ length: 3 }, () => reply('c2', t.id)),
      c2.patch(`/api/threads/${t.id}`, { read: true }),
      p2.patch(`/api/threads/${t.id}`, { read: true }),
      reply('c2', t.id),
      c2.patch(`/api/threads/${t.id}`, { archived: true }),
    ]);
    await expectCountersExact();
  });

  it('R12: reads and unread counts are live events for the reader', async () => {
    const t = await send('fo', ['biller']);
    await (await w.as('biller')).get(`/api/threads/${t.id}`);
    const events = await w.server.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('user_id', '=', w.ids.biller as string)
      .orderBy('seq')
      .execute();
    const types = events.map((e) => e.type);
    expect(types).toContain('message.created');
    expect(types).toContain('thread.read');
    const lastUnread = events.filter((e) => e.type === 'unread').at(-1);
    expect(JSON.parse(lastUnread?.payload ?? '{}').count).toBe(await unreadOf(await w.as('biller')));
  });

  it('R14: folders are newest activity first and paged by an opaque cursor', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 5; i += 1) sent.push((await send('p3', ['agent'])).id);
    await reply('p3', sent[1] as string); // activity moves the second thread to the top
    const expected = [sent[1], sent[4], sent[3], sent[2], sent[0]];
    const agent = await w.as('agent');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { threads: { id: string }[]; nextCursor: string | null } } = await agent.get(
        `/api/threads?folder=inbox&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.threads.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.threads.map((t) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    const row = (await agent.get('/api/threads?folder=inbox&limit=1')).body.threads[0];
    expect(row).toMatchObject({
      id: sent[1],
      subject: 'Check-in',
      unread: true,
      hasAttachments: false,
      canReply: true,
    });
    expect(row.participants.map((p: { id: string }) => p.id)).toEqual([w.ids.p3]);
    expect((await agent.get('/api/threads?folder=inbox&cursor=nonsense')).status).toBe(400);
    expect((await agent.get('/api/threads?folder=drafts')).status).toBe(400);
  });

  it('R13: bulk actions answer per thread and leave the others alone', async () => {
    const mine = await send('p1', ['c2']);
    const notMine = await send('p2', ['c1']);
    const started = await send('c2', ['p1']);
    const p1 = await w.as('p1');
    const read = await p1.post('/api/threads/bulk', { ids: [started.id, notMine.id], action: 'read' });
    expect(read.status).toBe(200);
    expect(read.body.results).toEqual([
      { id: started.id, ok: true },
      { id: notMine.id, ok: false, error: 'not_found' },
    ]);
    const archived = await p1.post('/api/threads/bulk', { ids: [started.id, mine.id], action: 'archive' });
    expect(archived.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect(await folder('p1', 'archive')).toEqual(expect.arrayContaining([started.id, mine.id]));
    await p1.post('/api/threads/bulk', { ids: [started.id, mine.id], action: 'inbox' });
    await p1.post('/api/threads/bulk', { ids: [started.id], action: 'unread' });
    expect(
      (await p1.get(`/api/threads?folder=inbox&limit=100`)).body.threads.find(
        (t: { id: string }) => t.id === started.id,
      ).unread,
    ).toBe(true);
    const deleted = await p1.post('/api/threads/bulk', { ids: [mine.id, started.id, notMine.id], action: 'delete' });
    expect(deleted.body.results).toEqual([
      { id: mine.id, ok: true },
      { id: started.id, ok: false, error: 'forbidden' },
      { id: notMine.id, ok: false, error: 'not_found' },
    ]);
    expect((await p1.get(`/api/threads/${started.id}`)).status).toBe(200);
    await expectCountersExact();
  });

  describe('R17–R19: deletion', () => {
    it('R18: only the staff member who started a thread with a client may delete it', async () => {
      const t = await send('p1', ['c1', 'fo']);
      for (const key of ['fo', 'c1']) {
        const res = await (await w.as(key)).delete(`/api/threads/${t.id}`);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      for (const client of [await w.as('p3'), await w.asOther('p1')]) {
        expect((await client.delete(`/api/threads/${t.id}`)).status).toBe(404);
      }
      const staffOnly = await send('p1', ['fo']);
      expect((await (await w.as('p1')).delete(`/api/threads/${staffOnly.id}`)).status).toBe(403);
      const byClient = await send('c1', ['p1']);
      expect((await (await w.as('p1')).delete(`/api/threads/${byClient.id}`)).status).toBe(403);
      expect((await (await w.as('c1')).delete(`/api/threads/${byClient.id}`)).status).toBe(403);
    });

    it('R19: deleting a thread destroys text and files for everyone, fixes badges, audits ids only', async () => {
      const attachmentId = await insertAttachment(w.server, w.practiceId, w.ids.p1 as string, 'wrong-client.pdf');
      const blobKey = `test-blob-${attachmentId}`;
      await w.server.ctx.blobs.put(blobKey, Readable.from([Buffer.from('ciphertext')]));
      const t = await send('p1', ['c2', 'fo'], { attachmentIds: [attachmentId] });
      await reply('c2', t.id);
      const c2 = await w.as('c2');
      const before = await unreadOf(c2);
      const res = await (await w.as('p1')).delete(`/api/threads/${t.id}`);
      expect(res.status).toBe(204);
      expect(await unreadOf(c2)).toBe(before - 1);
      for (const key of ['c2', 'fo', 'p1']) {
        expect((await (await w.as(key)).get(`/api/threads/${t.id}`)).status).toBe(404);
        for (const name of ['inbox', 'sent', 'archive']) expect(await folder(key, name)).not.toContain(t.id);
      }
      const db = w.server.db;
      expect(await db.selectFrom('messages').selectAll().where('thread_id', '=', t.id).execute()).toEqual([]);
      expect(await db.selectFrom('attachments').selectAll().where('id', '=', attachmentId).execute()).toEqual([]);
      await expect(w.server.ctx.blobs.get(blobKey)).rejects.toThrow();
      const audit = await db.selectFrom('audit_events').selectAll().where('action', '=', 'thread.deleted').execute();
      expect(audit.map((a) => JSON.parse(a.targets))).toContainEqual({
        threadId: t.id,
        clientIds: expect.any(String),
      });
      const events = await db.selectFrom('events').selectAll().where('type', '=', 'thread.deleted').execute();
      expect(
        events
          .filter((e) => JSON.parse(e.payload).threadId === t.id)
          .map((e) => e.user_id)
          .sort(),
      ).toEqual(
        to('p1', 'c2', 'fo')
          .map((x) => x.userId)
          .sort(),
      );
      await expectCountersExact();
    });

    it('R17: a staff member deletes a message they sent to a client; nobody else can', async () => {
      const t = await send('p1', ['c1', 'fo']);
      const fromClient = await reply('c1', t.id);
      const fromFrontOffice = await reply('fo', t.id);
      const mistake = await reply('p1', t.id);
      expect((await (await w.as('c1')).delete(`/api/messages/${fromClient.id}`)).status).toBe(403);
      expect((await (await w.as('p1')).delete(`/api/messages/${fromClient.id}`)).status).toBe(403);
      expect((await (await w.as('p1')).delete(`/api/messages/${fromFrontOffice.id}`)).status).toBe(403);
      expect((await (await w.as('p3')).delete(`/api/messages/${mistake.id}`)).status).toBe(404);
      expect((await (await w.asOther('p1')).delete(`/api/messages/${mistake.id}`)).status).toBe(404);
      expect((await (await w.as('p1')).delete('/api/messages/no-such-message')).status).toBe(404);
      const view = await (await w.as('p1')).get(`/api/threads/${t.id}`);
      const canDelete = view.body.thread.messages.map((m: { id: string; canDelete: boolean }) => [m.id, m.canDelete]);
      expect(canDelete).toEqual([
        [t.messages[0]?.id, true],
        [fromClient.id, false],
        [fromFrontOffice.id, false],
        [mistake.id, true],
      ]);
      expect((await (await w.as('p1')).delete(`/api/messages/${mistake.id}`)).status).toBe(204);
      const after = await (await w.as('c1')).get(`/api/threads/${t.id}`);
      expect(after.body.thread.messages.map((m: { id: string }) => m.id)).not.toContain(mistake.id);
      expect(after.body.thread.messages).toHaveLength(3);
      const audit = await w.server.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'message.deleted')
        .execute();
      expect(audit.map((a) => JSON.parse(a.targets))).toContainEqual({
        threadId: t.id,
        messageId: mistake.id,
        clientIds: expect.any(String),
      });
      await expectCountersExact();
    });

    it('R17: staff cannot delete their messages in a staff-only thread', async () => {
      const t = await send('fo', ['biller']);
      expect((await (await w.as('fo')).delete(`/api/messages/${t.messages[0]?.id}`)).status).toBe(403);
    });

    it('R19: deleting the only message sent to a wrong client removes the thread for them, badge included', async () => {
      const c1 = await w.as('c1');
      const before = await unreadOf(c1);
      const t = await send('p2', ['c1']);
      expect(await unreadOf(c1)).toBe(before + 1);
      expect((await (await w.as('p2')).delete(`/api/messages/${t.messages[0]?.id}`)).status).toBe(204);
      expect(await unreadOf(c1)).toBe(before);
      expect((await c1.get(`/api/threads/${t.id}`)).status).toBe(404);
      expect(await folder('c1', 'inbox')).not.toContain(t.id);
      await expectCountersExact();
    });

    it('R19: when the only incoming message is deleted, the thread leaves the recipient’s Inbox and badge', async () => {
      const c2 = await w.as('c2');
      const t = await send('c2', ['p1']);
      const answer = await reply('p1', t.id);
      const before = await unreadOf(c2);
      expect(await folder('c2', 'inbox')).toContain(t.id);
      expect((await (await w.as('p1')).delete(`/api/messages/${answer.id}`)).status).toBe(204);
      expect(await unreadOf(c2)).toBe(before - 1);
      expect(await folder('c2', 'inbox')).not.toContain(t.id);
      expect(await folder('c2', 'sent')).toContain(t.id);
      await expectCountersExact();
    });
  });
});
