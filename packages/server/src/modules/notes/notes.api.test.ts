import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { insertAttachment, startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';

describe(`quick notes and chart notes (${testDb})`, () => {
  let w: MessagingWorld;
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));
  const start = async (from: string, keys: string[], extra: Record<string, unknown> = {}) =>
    (
      await (
        await w.as(from)
      ).post('/api/threads', {
        to: to(...keys),
        subject: 'Sleep log',
        body: '<p>Please <b>fill in</b> the log.</p>',
        ...extra,
      })
    ).body.thread as { id: string };

  beforeAll(async () => {
    w = await startMessagingWorld('nts');
  });
  afterAll(() => w.close());

  it('R15: signed out, quick-note and chart-note routes answer 401', async () => {
    const anon = w.server.client();
    expect((await anon.get('/api/threads/x/quick-note')).status).toBe(401);
    expect((await anon.post('/api/threads/x/quick-note', { content: 'x' })).status).toBe(401);
    expect((await anon.get(`/api/clients/${w.ids.c1}/notes`)).status).toBe(401);
  });

  it('R15: a provider gets the transcript — sender, time, text without markup, attachment names', async () => {
    const a = await insertAttachment(w.server, w.practiceId, w.ids.p1 as string, 'sleep-log.pdf');
    const t = await start('p1', ['c1', 'fo'], { attachmentIds: [a] });
    await (await w.as('c1')).post(`/api/threads/${t.id}/messages`, { body: '<p>Done &amp; uploaded.</p>' });
    const res = await (await w.as('p1')).get(`/api/threads/${t.id}/quick-note`);
    expect(res.status).toBe(200);
    const content = res.body.content as string;
    expect(content).toContain('Sleep log');
    expect(content).toMatch(
      /Staff p1 — [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M E[SD]T\nPlease fill in the log\.\nAttachments: sleep-log\.pdf/,
    );
    expect(content).toMatch(/Client One Canary — .*\nDone & uploaded\./);
    expect(content).not.toContain('<');
  });

  it('R15: the transcript is the text people saw, decoded once: encoded markup stays text, controls go', async () => {
    const t = await start('p1', ['c1'], {
      body: '<p>&amp;#60;img src=x onerror=alert(1)&amp;#62; and &lt;b&gt;</p>',
      subject: 'Sleep\u202e log',
    });
    const content = (await (await w.as('p1')).get(`/api/threads/${t.id}/quick-note`)).body.content as string;
    expect(content).toContain('&#60;img src=x onerror=alert(1)&#62; and <b>');
    expect(content).not.toContain('<img');
    expect(content).toContain('Secure message: Sleep log');
  });

  it('R15: only providers, only threads with exactly one client; others 403, non-participants 404', async () => {
    const one = await start('p1', ['c1', 'fo']);
    for (const key of ['fo', 'c1']) {
      const res = await (await w.as(key)).get(`/api/threads/${one.id}/quick-note`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('quick_note_not_allowed');
      expect((await (await w.as(key)).post(`/api/threads/${one.id}/quick-note`, { content: 'x' })).status).toBe(403);
    }
    for (const client of [await w.as('p2'), await w.asOther('p1')]) {
      expect((await client.get(`/api/threads/${one.id}/quick-note`)).status).toBe(404);
      expect((await client.post(`/api/threads/${one.id}/quick-note`, { content: 'x' })).status).toBe(404);
    }
    const two = await start('p1', ['c1', 'c2']);
    const none = await start('p1', ['p2', 'fo']);
    for (const t of [two, none]) {
      const res = await (await w.as('p1')).post(`/api/threads/${t.id}/quick-note`, { content: 'Note' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('quick_note_not_allowed');
      expect((await (await w.as('p1')).get(`/api/threads/${t.id}`)).body.thread.canQuickNote).toBe(false);
    }
    expect((await (await w.as('p1')).get(`/api/threads/${one.id}`)).body.thread.canQuickNote).toBe(true);
    expect((await (await w.as('fo')).get(`/api/threads/${one.id}`)).body.thread.canQuickNote).toBe(false);
  });

  it('R15/R16: the saved note lands in the client chart with author, time and source thread — encrypted, audited', async () => {
    const t = await start('p1', ['c1']);
    const saved = await (
      await w.as('p1')
    ).post(`/api/threads/${t.id}/quick-note`, { content: 'Client reports better sleep.' });
    expect(saved.status).toBe(201);
    expect(saved.body.note).toMatchObject({
      clientId: w.ids.c1,
      content: 'Client reports better sleep.',
      author: { id: w.ids.p1, name: 'Staff p1' },
      threadId: t.id,
    });
    const row = await w.server.db
      .selectFrom('chart_notes')
      .selectAll()
      .where('id', '=', saved.body.note.id)
      .executeTakeFirstOrThrow();
    expect(row.content_enc).not.toContain('sleep');
    const audit = await w.server.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'note.created')
      .execute();
    expect(audit.map((a) => JSON.parse(a.targets))).toContainEqual({
      noteId: saved.body.note.id,
      clientId: w.ids.c1,
      threadId: t.id,
    });
    expect(audit.every((a) => !a.targets.includes('sleep'))).toBe(true);

    for (const key of ['p1', 'p2', 'admin']) {
      const list = await (await w.as(key)).get(`/api/clients/${w.ids.c1}/notes`);
      expect(list.status).toBe(200);
      expect(list.body.notes[0]).toMatchObject({ id: saved.body.note.id, content: 'Client reports better sleep.' });
      // The page names the client the notes are about (issue 17).
      expect(list.body.client).toEqual({ id: w.ids.c1, name: 'Client One Canary', kind: 'client', role: 'client' });
    }
  });

  it('R16: chart notes are refused to staff outside the care team (403), to clients and other practices (404)', async () => {
    for (const key of ['p3', 'fo', 'biller', 'agent']) {
      const res = await (await w.as(key)).get(`/api/clients/${w.ids.c1}/notes`);
      expect(res.status).toBe(403);
    }
    expect((await (await w.as('c1')).get(`/api/clients/${w.ids.c1}/notes`)).status).toBe(404);
    expect((await (await w.asOther('admin')).get(`/api/clients/${w.ids.c1}/notes`)).status).toBe(404);
    expect((await (await w.as('admin')).get(`/api/clients/${w.ids.p1}/notes`)).status).toBe(404);
    expect((await (await w.as('p1')).post('/api/threads/x/quick-note', { content: '   ' })).status).toBe(400);
  });
});
