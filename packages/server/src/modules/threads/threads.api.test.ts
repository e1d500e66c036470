import {
  REPLY_BLOCKED_INACTIVE_CLIENT,
  REPLY_BLOCKED_MULTIPLE_CLIENTS,
  REPLY_BLOCKED_SHARED_MESSAGE,
} from '@confide/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import {
  BODY,
  countRows,
  insertAttachment,
  startMessagingWorld,
  unreadOf,
  type MessagingWorld,
} from './messaging.test-helpers';

describe(`threads (${testDb})`, () => {
  let w: MessagingWorld;
  const send = async (
    from: string,
    to: ({ userId: string } | { group: string })[],
    extra: Record<string, unknown> = {},
  ) => (await w.as(from)).post('/api/threads', { to, subject: 'Appointment', body: BODY, ...extra });
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));

  beforeAll(async () => {
    w = await startMessagingWorld('thr');
  });
  afterAll(() => w.close());

  it('R30: signed out, every messaging route answers 401', async () => {
    const anon = w.server.client();
    const calls = [
      anon.get('/api/recipients'),
      anon.get('/api/threads'),
      anon.post('/api/threads', { to: [{ userId: w.ids.c1 }], subject: 'Hi', body: BODY }),
      anon.get('/api/threads/abc'),
      anon.post('/api/threads/abc/messages', { body: BODY }),
      anon.patch('/api/threads/abc', { read: true }),
      anon.get('/api/unread'),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(401);
  });

  it('R1: staff may address every active staff member, the three groups and clients one by one', async () => {
    const res = await (await w.as('fo')).get('/api/recipients');
    expect(res.status).toBe(200);
    const ids = res.body.recipients.map((r: { id: string }) => r.id).sort();
    const expected = ['admin', 'p1', 'p2', 'p3', 'biller', 'agent', 'c1', 'c2', 'c3', 'c4'].map((k) => w.ids[k]).sort();
    expect(ids).toEqual(expected);
    expect(res.body.groups.map((g: { id: string }) => g.id)).toEqual(['front_office', 'providers', 'external_agents']);
    expect(JSON.stringify(res.body)).not.toMatch(/all clients/i);
  });

  it('R1: q filters by decrypted name', async () => {
    const res = await (await w.as('p1')).get('/api/recipients?q=canary');
    expect(res.body.recipients).toEqual([
      { id: w.ids.c1, name: 'Client One Canary', kind: 'client', role: 'client', available: true },
    ]);
    expect(res.body.groups).toEqual([]);
  });

  it('R2: a client may address their providers (current and past), front office and billers only', async () => {
    const res = await (await w.as('c1')).get('/api/recipients');
    const ids = res.body.recipients.map((r: { id: string }) => r.id).sort();
    expect(ids).toEqual(['p1', 'p2', 'fo', 'admin', 'biller'].map((k) => w.ids[k]).sort());
    expect(res.body.groups).toEqual([]);
  });

  it('R3: an inactive client sees their provider as unavailable, with the reason', async () => {
    const res = await (await w.as('c3')).get('/api/recipients');
    const p1 = res.body.recipients.find((r: { id: string }) => r.id === w.ids.p1);
    expect(p1).toMatchObject({ available: false, unavailableReason: REPLY_BLOCKED_INACTIVE_CLIENT });
    const fo = res.body.recipients.find((r: { id: string }) => r.id === w.ids.fo);
    expect(fo.available).toBe(true);
  });

  it('R1/R8: staff starts a thread; 201 with the thread, participants and first message', async () => {
    const res = await send('p1', to('c1', 'fo'));
    expect(res.status).toBe(201);
    const t = res.body.thread;
    expect(t.subject).toBe('Appointment');
    expect(t.participants.map((p: { id: string }) => p.id).sort()).toEqual(
      to('p1', 'c1', 'fo')
        .map((x) => x.userId)
        .sort(),
    );
    expect(t.messages).toHaveLength(1);
    expect(t.messages[0]).toMatchObject({ body: BODY, sender: { id: w.ids.p1, name: 'Staff p1' }, canDelete: true });
    expect(t).toMatchObject({
      canReply: true,
      replyBlockedReason: null,
      canQuickNote: true,
      canDelete: true,
      createdBy: w.ids.p1,
    });
    const stored = await w.server.db.selectFrom('threads').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(stored.subject_enc).not.toContain('Appointment');
  });

  it('R1: groups expand to active members at send time; duplicates and the sender collapse', async () => {
    const res = await send('fo', [{ group: 'providers' }, ...to('p1', 'fo')]);
    expect(res.status).toBe(201);
    const ids = res.body.thread.participants.map((p: { id: string }) => p.id).sort();
    expect(ids).toEqual(
      to('fo', 'p1', 'p2', 'p3')
        .map((x) => x.userId)
        .sort(),
    );
  });

  it('R1: a disabled staff member cannot be addressed', async () => {
    const res = await send('fo', to('gone'));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('recipient_not_allowed');
  });

  it('R2: a client cannot address another client, an external agent, a provider outside their team or a group', async () => {
    for (const target of [to('c2'), to('agent'), to('p3'), [{ group: 'front_office' }]]) {
      const res = await send('c1', target);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('recipient_not_allowed');
    }
  });

  it('R30: other practice — its people cannot be addressed', async () => {
    const res = await send('p1', [{ userId: w.otherIds.c1 as string }]);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('recipient_not_allowed');
  });

  it('R3: an inactive client cannot send to a provider, and is told why; front office works', async () => {
    const refused = await send('c3', to('p1'));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({ code: 'client_inactive', message: REPLY_BLOCKED_INACTIVE_CLIENT });
    expect((await send('c3', to('fo'))).status).toBe(201);
    expect((await send('c3', to('biller'))).status).toBe(201);
  });

  it('R4: a subject of 1–200 characters after trimming is required', async () => {
    for (const subject of ['', '    ', 'x'.repeat(201)]) {
      const res = await send('p1', to('c1'), { subject });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('subject_required');
    }
    const ok = await send('p1', to('c1'), { subject: '  Trimmed  ' });
    expect(ok.body.thread.subject).toBe('Trimmed');
  });

  it('R5: the body is sanitized and needs 10 visible characters, at most 50,000', async () => {
    const short = await send('p1', to('c1'), { body: '<p>  <b>123</b>  456 78 9 </p>' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('body_too_short');
    const long = await send('p1', to('c1'), { body: 'a'.repeat(50_001) });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('body_too_long');
    const dirty = await send('p1', to('c1'), {
      body: '<p onclick="x">Take care <script>alert(1)</script><a href="javascript:x">x</a><a href="https://a.example">a</a></p>',
    });
    expect(dirty.status).toBe(201);
    expect(dirty.body.thread.messages[0].body).toBe(
      '<p>Take care <a rel="noopener noreferrer" target="_blank">x</a><a href="https://a.example" rel="noopener noreferrer" target="_blank">a</a></p>',
    );
  });

  it('R5: the minimum body length is a practice setting', async () => {
    const other = await w.asOther('p1');
    const res = await other.post('/api/threads', {
      to: [{ userId: w.otherIds.c1 }],
      subject: 'Hi',
      body: '<p>Twenty-odd characters here</p>',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('body_too_short');
  });

  it('R34: a refused send stores nothing — no thread, message, email, event or audit row', async () => {
    const foreign = await insertAttachment(w.server, w.practiceId, w.ids.fo as string);
    const before = await countRows(w.server);
    const refusals = [
      await send('p1', to('c1'), { attachmentIds: [foreign] }),
      await send('p1', to('c1'), { attachmentIds: ['no-such-attachment'] }),
      await send('c1', to('c2')),
      await send('p1', to('c1'), { body: 'short' }),
      await send('c3', to('p1', 'fo')),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 403, 400, 403]);
    expect(refusals[0]?.body.error.code).toBe('validation_failed');
    expect(await countRows(w.server)).toEqual(before);
    const row = await w.server.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', foreign)
      .executeTakeFirstOrThrow();
    expect(row.message_id).toBeNull();
  });

  it('R34: a send with one good and one bad attachment stores nothing and leaves the good one free', async () => {
    const good = await insertAttachment(w.server, w.practiceId, w.ids.p1 as string);
    const bad = await insertAttachment(w.server, w.practiceId, w.ids.p2 as string);
    const before = await countRows(w.server);
    const res = await send('p1', to('c1'), { attachmentIds: [good, bad] });
    expect(res.status).toBe(400);
    expect(await countRows(w.server)).toEqual(before);
    const row = await w.server.db
      .selectFrom('attachments')
      .selectAll()
      .where('id', '=', good)
      .executeTakeFirstOrThrow();
    expect(row.message_id).toBeNull();
  });

  it('R6/R8: attachments sent with a message are listed on it; the thread is marked', async () => {
    const a = await insertAttachment(w.server, w.practiceId, w.ids.p1 as string, 'intake.pdf');
    const res = await send('p1', to('c2'), { attachmentIds: [a] });
    expect(res.status).toBe(201);
    expect(res.body.thread.messages[0].attachments).toEqual([
      { id: a, name: 'intake.pdf', size: 1234, type: 'application/pdf' },
    ]);
    const list = await (await w.as('c2')).get('/api/threads?folder=inbox');
    expect(list.body.threads.find((t: { id: string }) => t.id === res.body.thread.id).hasAttachments).toBe(true);
    // Once sent, it cannot be attached again.
    expect((await send('p1', to('c2'), { attachmentIds: [a] })).status).toBe(400);
  });

  it('R20: every recipient with a portal account gets an email, the sender and no-portal clients none', async () => {
    const res = await send('p1', to('c1', 'c4', 'fo'));
    const rows = await w.server.db
      .selectFrom('messages')
      .innerJoin('outbox', 'outbox.practice_id', 'messages.practice_id')
      .select(['outbox.recipient_id', 'outbox.template', 'outbox.created_at'])
      .where('messages.thread_id', '=', res.body.thread.id)
      .where('outbox.created_at', '>=', res.body.thread.messages[0].createdAt)
      .execute();
    const recipients = rows.map((r) => r.recipient_id).sort();
    expect(recipients).toEqual(
      to('c1', 'fo')
        .map((x) => x.userId)
        .sort(),
    );
    expect(rows.every((r) => r.template === 'new_message')).toBe(true);
  });

  it('R8: a thread is 404 to a non-participant, and to the other practice', async () => {
    const res = await send('p1', to('c1'));
    const id = res.body.thread.id;
    for (const client of [await w.as('p3'), await w.as('c2'), await w.asOther('p1'), await w.asOther('admin')]) {
      expect((await client.get(`/api/threads/${id}`)).status).toBe(404);
      expect((await client.post(`/api/threads/${id}/messages`, { body: BODY })).status).toBe(404);
      expect((await client.patch(`/api/threads/${id}`, { read: true })).status).toBe(404);
    }
    expect((await (await w.as('p1')).get('/api/threads/not-a-thread')).status).toBe(404);
  });

  it('R8/R12/R32: opening a thread reads it, audits the access and shows everything in order', async () => {
    const c2 = await w.as('c2');
    const start = await unreadOf(c2);
    const res = await send('p1', to('c2'));
    const id = res.body.thread.id;
    expect(await unreadOf(c2)).toBe(start + 1);
    await (await w.as('c2')).post(`/api/threads/${id}/messages`, { body: '<p>Thanks, see you then!</p>' });
    await (await w.as('p1')).post(`/api/threads/${id}/messages`, { body: '<p>Great, see you Tuesday.</p>' });
    const opened = await c2.get(`/api/threads/${id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.thread.messages.map((m: { sender: { id: string } }) => m.sender.id)).toEqual(
      to('p1', 'c2', 'p1').map((x) => x.userId),
    );
    expect(opened.body.thread.unread).toBe(false);
    expect(await unreadOf(c2)).toBe(start);
    const audit = await w.server.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'thread.opened')
      .where('actor_id', '=', w.ids.c2 as string)
      .execute();
    expect(audit.some((a) => JSON.parse(a.targets).threadId === id)).toBe(true);
    expect(audit.every((a) => !a.targets.includes('Appointment'))).toBe(true);
  });

  describe('R9: who may reply', () => {
    const replyAs = async (key: string, id: string) =>
      (await w.as(key)).post(`/api/threads/${id}/messages`, { body: '<p>A reply of some length.</p>' });

    it('R9: exactly two participants — both may reply', async () => {
      const id = (await send('p1', to('c1'))).body.thread.id;
      expect((await replyAs('c1', id)).status).toBe(201);
      expect((await replyAs('p1', id)).status).toBe(201);
    });

    it('R9: staff and one client — anyone may reply, and the reply reaches all', async () => {
      const id = (await send('p1', to('fo', 'biller', 'c1'))).body.thread.id;
      const res = await replyAs('c1', id);
      expect(res.status).toBe(201);
      expect(res.body.message).toMatchObject({ threadId: id, sender: { id: w.ids.c1 }, canDelete: false });
      for (const key of ['fo', 'biller', 'p1']) {
        const inbox = await (await w.as(key)).get('/api/threads?folder=inbox&limit=100');
        expect(inbox.body.threads.some((t: { id: string }) => t.id === id)).toBe(true);
      }
      expect((await replyAs('biller', id)).status).toBe(201);
    });

    it('R9: staff only — anyone may reply', async () => {
      const id = (await send('fo', to('p1', 'biller', 'agent'))).body.thread.id;
      for (const key of ['agent', 'biller', 'p1', 'fo']) expect((await replyAs(key, id)).status).toBe(201);
    });

    it('R9/R36: two or more clients — nobody can reply, and the thread says why (to clients, without naming other clients)', async () => {
      const id = (await send('p1', to('c1', 'c2'))).body.thread.id;
      for (const key of ['p1', 'c1', 'c2']) {
        const reason = key === 'p1' ? REPLY_BLOCKED_MULTIPLE_CLIENTS : REPLY_BLOCKED_SHARED_MESSAGE;
        const res = await replyAs(key, id);
        expect(res.status).toBe(403);
        expect(res.body.error).toEqual({ code: 'reply_not_allowed', message: reason });
        const view = await (await w.as(key)).get(`/api/threads/${id}`);
        expect(view.body.thread).toMatchObject({ canReply: false, replyBlockedReason: reason });
      }
    });

    it('R10: an inactive client cannot reply in a thread with a provider; with front office they can', async () => {
      const withProvider = (await send('p1', to('c3'))).body.thread.id;
      const refused = await replyAs('c3', withProvider);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({ code: 'client_inactive', message: REPLY_BLOCKED_INACTIVE_CLIENT });
      const view = await (await w.as('c3')).get(`/api/threads/${withProvider}`);
      expect(view.body.thread).toMatchObject({ canReply: false, replyBlockedReason: REPLY_BLOCKED_INACTIVE_CLIENT });
      const withFrontOffice = (await send('fo', to('c3'))).body.thread.id;
      expect((await replyAs('c3', withFrontOffice)).status).toBe(201);
    });

    it('R10: setting the client active again restores replies', async () => {
      const id = (await send('p1', to('c3'))).body.thread.id;
      await w.server.db
        .updateTable('users')
        .set({ status: 'active' })
        .where('id', '=', w.ids.c3 as string)
        .execute();
      try {
        expect((await replyAs('c3', id)).status).toBe(201);
      } finally {
        await w.server.db
          .updateTable('users')
          .set({ status: 'inactive' })
          .where('id', '=', w.ids.c3 as string)
          .execute();
      }
    });

    it('R34: a refused reply stores nothing', async () => {
      const id = (await send('p1', to('c1', 'c2'))).body.thread.id;
      const before = await countRows(w.server);
      expect((await replyAs('c1', id)).status).toBe(403);
      const short = await (await w.as('p1')).post(`/api/threads/${id}/messages`, { body: 'x' });
      expect(short.status).toBe(403);
      const own = (await send('p1', to('c1'))).body.thread.id;
      const after = await countRows(w.server);
      const tooShort = await (await w.as('c1')).post(`/api/threads/${own}/messages`, { body: '<p>short</p>' });
      expect(tooShort.status).toBe(400);
      expect(await countRows(w.server)).toEqual(after);
      expect(after.threads).toBe((before.threads ?? 0) + 1);
    });
  });
});
