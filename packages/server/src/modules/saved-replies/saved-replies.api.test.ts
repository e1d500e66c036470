import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';

const REPLY = { title: 'Running late', body: '<p>Hi {client.firstName}, {staff.name} is running late.</p>' };

describe(`saved replies (${testDb})`, () => {
  let w: MessagingWorld;

  beforeAll(async () => {
    w = await startMessagingWorld('svr');
  });
  afterAll(() => w.close());

  const create = async (key: string, input: object = REPLY) => (await w.as(key)).post('/api/saved-replies', input);

  it('R45: signed out, every saved-replies route answers 401', async () => {
    const anon = w.server.client();
    for (const res of [
      await anon.get('/api/saved-replies'),
      await anon.post('/api/saved-replies', REPLY),
      await anon.put('/api/saved-replies/x', REPLY),
      await anon.delete('/api/saved-replies/x'),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it('R45: a staff member saves a personal reply, sanitized, encrypted at rest and audited', async () => {
    const res = await create('p1', { ...REPLY, body: '<p>Hi {client.firstName}<script>x()</script></p>' });
    expect(res.status).toBe(201);
    const saved = res.body.savedReply;
    expect(saved).toMatchObject({ scope: 'personal', title: 'Running late', body: '<p>Hi {client.firstName}</p>' });
    expect(saved.canEdit).toBe(true);
    const row = await w.server.db
      .selectFrom('saved_replies')
      .selectAll()
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(row.title_enc).not.toContain('Running');
    expect(row.body_enc).not.toContain('client.firstName');
    expect(row.owner_id).toBe(w.ids.p1);
    const audit = await w.server.db
      .selectFrom('audit_events')
      .select(['action', 'targets', 'actor_id'])
      .where('action', '=', 'saved_reply.created')
      .where('targets', 'like', `%${saved.id}%`)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(w.ids.p1);
    expect(audit.targets).not.toContain('Running');
    expect((await (await w.as('p1')).get('/api/saved-replies')).body.savedReplies).toContainEqual(saved);
  });

  it('R45: personal replies stay personal — a colleague, an admin and the other practice neither list nor edit them', async () => {
    const own = (await create('p1', { ...REPLY, title: 'Mine only' })).body.savedReply;
    for (const other of [await w.as('p2'), await w.as('admin'), await w.asOther('p1')]) {
      const list = (await other.get('/api/saved-replies')).body.savedReplies as { id: string }[];
      expect(list.map((r) => r.id)).not.toContain(own.id);
      expect((await other.put(`/api/saved-replies/${own.id}`, REPLY)).status).toBe(404);
      expect((await other.delete(`/api/saved-replies/${own.id}`)).status).toBe(404);
    }
    const after = await (await w.as('p1')).get('/api/saved-replies');
    expect(after.body.savedReplies).toContainEqual(own);
  });

  it('R45: admins keep practice replies; every staff member uses them, only admins change them', async () => {
    const denied = await create('p1', { ...REPLY, scope: 'practice' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const made = await create('admin', {
      scope: 'practice',
      title: 'Welcome',
      body: '<p>Welcome to {practice.name}.</p>',
    });
    expect(made.status).toBe(201);
    const practiceReply = made.body.savedReply;
    expect(practiceReply).toMatchObject({ scope: 'practice', canEdit: true });
    for (const key of ['p2', 'fo', 'biller', 'agent']) {
      const listed = ((await (await w.as(key)).get('/api/saved-replies')).body.savedReplies as { id: string }[]).find(
        (r) => r.id === practiceReply.id,
      );
      expect(listed).toMatchObject({ scope: 'practice', title: 'Welcome', canEdit: false });
      expect((await (await w.as(key)).put(`/api/saved-replies/${practiceReply.id}`, REPLY)).status).toBe(403);
      expect((await (await w.as(key)).delete(`/api/saved-replies/${practiceReply.id}`)).status).toBe(403);
    }
    const other = await w.asOther('admin');
    expect(
      ((await other.get('/api/saved-replies')).body.savedReplies as { id: string }[]).map((r) => r.id),
    ).not.toContain(practiceReply.id);
    expect((await other.put(`/api/saved-replies/${practiceReply.id}`, REPLY)).status).toBe(404);
    expect((await other.delete(`/api/saved-replies/${practiceReply.id}`)).status).toBe(404);

    const admin = await w.as('admin');
    const changed = await admin.put(`/api/saved-replies/${practiceReply.id}`, {
      title: 'Welcome!',
      body: '<p>Hello from {practice.name}.</p>',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.savedReply).toMatchObject({ title: 'Welcome!', body: '<p>Hello from {practice.name}.</p>' });
    expect((await admin.delete(`/api/saved-replies/${practiceReply.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/saved-replies/${practiceReply.id}`)).status).toBe(404);
    const actions = await w.server.db
      .selectFrom('audit_events')
      .select('action')
      .where('targets', 'like', `%${practiceReply.id}%`)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['saved_reply.created', 'saved_reply.updated', 'saved_reply.deleted']);
  });

  it('R45: the owner changes and deletes their own reply', async () => {
    const p2 = await w.as('p2');
    const own = (await create('p2')).body.savedReply;
    const changed = await p2.put(`/api/saved-replies/${own.id}`, {
      title: 'Later',
      body: '<p>See you, {client.firstName}.</p>',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.savedReply).toMatchObject({ id: own.id, scope: 'personal', title: 'Later' });
    expect((await p2.delete(`/api/saved-replies/${own.id}`)).status).toBe(204);
    expect(((await p2.get('/api/saved-replies')).body.savedReplies as { id: string }[]).map((r) => r.id)).not.toContain(
      own.id,
    );
  });

  it('R45: clients never see saved replies', async () => {
    const practiceReply = (await create('admin', { scope: 'practice', title: 'Hours', body: '<p>We open at 9.</p>' }))
      .body.savedReply;
    const client = await w.as('c1');
    const list = await client.get('/api/saved-replies');
    expect(list.status).toBe(403);
    expect(JSON.stringify(list.body)).not.toContain('Hours');
    expect((await client.post('/api/saved-replies', REPLY)).status).toBe(403);
    expect((await client.put(`/api/saved-replies/${practiceReply.id}`, REPLY)).status).toBe(403);
    expect((await client.delete(`/api/saved-replies/${practiceReply.id}`)).status).toBe(403);
  });

  it('R45 R34: bad input gets a clear JSON error and saves nothing', async () => {
    const p1 = await w.as('p1');
    const before = ((await p1.get('/api/saved-replies')).body.savedReplies as unknown[]).length;
    const cases: [object, number, string, RegExp][] = [
      [{ body: REPLY.body }, 400, 'validation_failed', /title/i],
      [{ title: '   ', body: REPLY.body }, 400, 'validation_failed', /title/i],
      [{ title: 'x'.repeat(101), body: REPLY.body }, 400, 'validation_failed', /title/i],
      [{ title: 'Empty', body: '<p> <script>x</script> </p>' }, 400, 'validation_failed', /text/i],
      [
        { title: 'Typo', body: '<p>Hi {client.lastName}</p>' },
        400,
        'validation_failed',
        /\{client\.lastName\}.*\{client\.firstName\}/,
      ],
      [{ title: 'Scope', body: REPLY.body, scope: 'everyone' }, 400, 'validation_failed', /scope/i],
      [{ title: 'Long', body: `<p>${'a'.repeat(50_001)}</p>` }, 400, 'body_too_long', /50,000/],
    ];
    for (const [input, status, code, message] of cases) {
      const res = await p1.post('/api/saved-replies', input);
      expect(res.status, JSON.stringify(input).slice(0, 80)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(message);
    }
    expect(((await p1.get('/api/saved-replies')).body.savedReplies as unknown[]).length).toBe(before);
    const own = (await create('p1', { ...REPLY, title: 'Keep me' })).body.savedReply;
    const bad = await p1.put(`/api/saved-replies/${own.id}`, { title: 'Keep me', body: '<p>{oops}</p>' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/\{oops\}/);
    expect(
      ((await p1.get('/api/saved-replies')).body.savedReplies as { id: string; body: string }[]).find(
        (r) => r.id === own.id,
      )?.body,
    ).toBe(REPLY.body);
  });
});
