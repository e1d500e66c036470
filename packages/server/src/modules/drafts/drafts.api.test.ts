import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { samplePdf } from '../attachments/test-samples';
import {
  BODY,
  countRows,
  insertAttachment,
  startMessagingWorld,
  unreadOf,
  type MessagingWorld,
} from '../threads/messaging.test-helpers';

describe(`drafts (${testDb})`, () => {
  let w: MessagingWorld;
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));

  beforeAll(async () => {
    w = await startMessagingWorld('drf');
  });
  afterAll(() => w.close());

  it('R7: signed out, every drafts route answers 401', async () => {
    const anon = w.server.client();
    for (const res of [
      await anon.get('/api/drafts'),
      await anon.post('/api/drafts', { subject: 'x' }),
      await anon.put('/api/drafts/x', { subject: 'x' }),
      await anon.delete('/api/drafts/x'),
      await anon.post('/api/drafts/x/send'),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it('R7: a draft is saved leniently, listed, resumed and updated — encrypted at rest', async () => {
    const p1 = await w.as('p1');
    const created = await p1.post('/api/drafts', {
      to: to('c1'),
      subject: 'Half-written',
      body: '<p>Hi<script>x</script></p>',
    });
    expect(created.status).toBe(201);
    const draft = created.body.draft;
    expect(draft).toMatchObject({
      threadId: null,
      to: to('c1'),
      subject: 'Half-written',
      body: '<p>Hi</p>',
      attachments: [],
    });
    const row = await w.server.db.selectFrom('drafts').selectAll().where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect(row.subject_enc).not.toContain('Half');
    const updated = await p1.put(`/api/drafts/${draft.id}`, { body: '<p>Hi Alex, about Thursday…</p>' });
    expect(updated.status).toBe(200);
    expect(updated.body.draft).toMatchObject({
      subject: 'Half-written',
      body: '<p>Hi Alex, about Thursday…</p>',
      to: to('c1'),
    });
    const list = await p1.get('/api/drafts');
    expect(list.body.drafts.map((d: { id: string }) => d.id)).toContain(draft.id);
    // The Drafts list names whom a draft is for (issue 17: not "New message").
    const named = await p1.put(`/api/drafts/${draft.id}`, { to: [...to('c1'), { group: 'front_office' }] });
    expect(named.body.draft.toNames).toEqual(['Client One Canary', 'All front office']);
  });

  it('R7: only the author sees a draft — others and the other practice get 404', async () => {
    const own = (await (await w.as('p1')).post('/api/drafts', { subject: 'Mine' })).body.draft;
    for (const client of [await w.as('p2'), await w.as('c1'), await w.asOther('p1')]) {
      expect((await client.get('/api/drafts')).body.drafts.map((d: { id: string }) => d.id)).not.toContain(own.id);
      expect((await client.put(`/api/drafts/${own.id}`, { subject: 'x' })).status).toBe(404);
      expect((await client.delete(`/api/drafts/${own.id}`)).status).toBe(404);
      expect((await client.post(`/api/drafts/${own.id}/send`)).status).toBe(404);
    }
  });

  it('R7: a reply draft needs a thread the author takes part in', async () => {
    const thread = (await (await w.as('p1')).post('/api/threads', { to: to('c1'), subject: 'S', body: BODY })).body
      .thread;
    expect((await (await w.as('c2')).post('/api/drafts', { threadId: thread.id, body: 'x' })).status).toBe(404);
    expect((await (await w.asOther('p1')).post('/api/drafts', { threadId: thread.id })).status).toBe(404);
  });

  it('R7: sending a new-message draft is a send: strict checks, then 201 {thread} and the draft is gone', async () => {
    const p1 = await w.as('p1');
    const draft = (await p1.post('/api/drafts', { to: to('c1'), subject: '  ', body: '<p>short</p>' })).body.draft;
    const before = await countRows(w.server);
    const refused = await p1.post(`/api/drafts/${draft.id}/send`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('subject_required');
    expect(await countRows(w.server)).toEqual(before);
    await p1.put(`/api/drafts/${draft.id}`, { subject: 'Thursday', body: BODY });
    const c1 = await w.as('c1');
    const unread = await unreadOf(c1);
    const sent = await p1.post(`/api/drafts/${draft.id}/send`);
    expect(sent.status).toBe(201);
    expect(sent.body.thread).toMatchObject({ subject: 'Thursday', messages: [{ body: BODY }] });
    expect(await unreadOf(c1)).toBe(unread + 1);
    expect((await p1.get('/api/drafts')).body.drafts.map((d: { id: string }) => d.id)).not.toContain(draft.id);
    expect((await p1.post(`/api/drafts/${draft.id}/send`)).status).toBe(404);
  });

  it('R7: a reply draft sends into its thread (201 {message}) and follows R9', async () => {
    const thread = (await (await w.as('p1')).post('/api/threads', { to: to('c1'), subject: 'S', body: BODY })).body
      .thread;
    const c1 = await w.as('c1');
    const draft = (await c1.post('/api/drafts', { threadId: thread.id, body: '<p>Thank you, that works.</p>' })).body
      .draft;
    const sent = await c1.post(`/api/drafts/${draft.id}/send`);
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ threadId: thread.id, body: '<p>Thank you, that works.</p>' });
    const group = (await (await w.as('p1')).post('/api/threads', { to: to('c1', 'c2'), subject: 'G', body: BODY })).body
      .thread;
    const blocked = (await c1.post('/api/drafts', { threadId: group.id, body: BODY })).body.draft;
    const res = await c1.post(`/api/drafts/${blocked.id}/send`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('reply_not_allowed');
    expect((await c1.get('/api/drafts')).body.drafts.map((d: { id: string }) => d.id)).toContain(blocked.id);
  });

  it('R7: attachments travel with the draft into the sent message', async () => {
    const p1 = await w.as('p1');
    const a = await insertAttachment(w.server, w.practiceId, w.ids.p1 as string, 'plan.pdf');
    const foreign = await insertAttachment(w.server, w.practiceId, w.ids.p2 as string);
    const bad = await p1.post('/api/drafts', { to: to('c2'), subject: 'Plan', body: BODY, attachmentIds: [foreign] });
    expect(bad.status).toBe(400);
    const draft = (await p1.post('/api/drafts', { to: to('c2'), subject: 'Plan', body: BODY, attachmentIds: [a] })).body
      .draft;
    expect(draft.attachments).toEqual([{ id: a, name: 'plan.pdf', size: 1234, type: 'application/pdf' }]);
    // Attached to a draft, it cannot be sent from elsewhere.
    expect((await p1.post('/api/threads', { to: to('c2'), subject: 'x', body: BODY, attachmentIds: [a] })).status).toBe(
      400,
    );
    const sent = await p1.post(`/api/drafts/${draft.id}/send`);
    expect(sent.body.thread.messages[0].attachments.map((x: { id: string }) => x.id)).toEqual([a]);
  });

  it('R7: "Delete draft" takes its uploaded attachments with it, contents included', async () => {
    const p1 = await w.as('p1');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(samplePdf())]), 'letter.pdf');
    const upload = await p1.request('POST', '/api/attachments', form);
    expect(upload.status).toBe(201);
    const id = upload.body.attachments[0].id as string;
    const kept = await insertAttachment(w.server, w.practiceId, w.ids.p1 as string, 'kept.pdf');
    const draft = (await p1.post('/api/drafts', { subject: 'Letter', attachmentIds: [id, kept] })).body.draft;
    expect(draft.attachments).toHaveLength(2);
    // Taking one off the draft destroys it.
    const trimmed = await p1.put(`/api/drafts/${draft.id}`, { attachmentIds: [id] });
    expect(trimmed.body.draft.attachments.map((x: { id: string }) => x.id)).toEqual([id]);
    const db = w.server.db;
    expect(await db.selectFrom('attachments').select('id').where('id', '=', kept).execute()).toEqual([]);
    const { blob_key } = await db
      .selectFrom('attachments')
      .select('blob_key')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await expect(w.server.ctx.blobs.get(blob_key)).resolves.toBeDefined();
    expect((await p1.delete(`/api/drafts/${draft.id}`)).status).toBe(204);
    expect(await db.selectFrom('attachments').select('id').where('id', '=', id).execute()).toEqual([]);
    await expect(w.server.ctx.blobs.get(blob_key)).rejects.toThrow();
    expect((await p1.get(`/api/attachments/${id}`)).status).toBe(404);
  });
});
