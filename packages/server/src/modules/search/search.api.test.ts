import type { SearchResponse } from '@confide/api';
import { binding } from '../../crypto/bindings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { filesBelow, filesContaining } from '../../../test/scan';
import { newId, nowIso } from '../../ids';
import { insertAttachment, startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';
import { backfillNameIndex, backfillSearchIndex } from './backfill';
import { indexAllQueued } from './indexer';

/** R44 search through the real server, on SQLite and PostgreSQL, for each role. */
describe(`R44 search (${testDb})`, () => {
  let w: MessagingWorld;
  let refillThread: string;
  let groupThread: string;

  const search = async (key: string, q: string, cursor?: string) => {
    const client = await w.as(key);
    const res = await client.get<SearchResponse>(
      `/api/search?q=${encodeURIComponent(q)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, res.text).toBe(200);
    return res.body;
  };
  const threadsFound = async (key: string, q: string) => new Set((await search(key, q)).results.map((r) => r.threadId));

  const send = async (from: string, to: string[], subject: string, body: string, attachmentIds?: string[]) => {
    const res = await (
      await w.as(from)
    ).post('/api/threads', {
      to: to.map((k) => ({ userId: w.ids[k] })),
      subject,
      body,
      ...(attachmentIds ? { attachmentIds } : {}),
    });
    expect(res.status, res.text).toBe(201);
    return res.body.thread as { id: string; messages: { id: string }[] };
  };

  beforeAll(async () => {
    w = await startMessagingWorld('search');
    refillThread = (
      await send(
        'p1',
        ['c1'],
        'Pharmacy note',
        '<p>Your <strong>MÉDICATION</strong> refill is ready at the pharmacy.</p>',
      )
    ).id;
    groupThread = (
      await send('p1', ['c1', 'c2', 'fo'], 'Group session Thursday', '<p>The group meets in room four this week.</p>')
    ).id;
  });
  afterAll(async () => {
    await w.close();
  });

  it('R44: signed out 401; no words or a bad cursor 400; another practice finds nothing of this one', async () => {
    expect((await w.server.client().get('/api/search?q=refill')).status).toBe(401);
    const p1 = await w.as('p1');
    expect((await p1.get('/api/search')).status).toBe(400);
    expect((await p1.get('/api/search?q=%20')).status).toBe(400);
    const bad = await p1.get('/api/search?q=refill&cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await w.asOther('p1').then((c) => c.get<SearchResponse>('/api/search?q=refill'))).body.results).toEqual([]);
    expect(await search('p1', '!!! ...')).toEqual({ results: [], nextCursor: null });
  });

  it('R44: words match across case and accents, by their beginning; the excerpt shows the match', async () => {
    for (const q of ['medication', 'MEDICATION', 'médication', 'Medic', 'refill medication']) {
      const found = await search('c1', q);
      expect(
        found.results.map((r) => r.threadId),
        q,
      ).toEqual([refillThread]);
      expect(found.results[0]?.subject).toBe('Pharmacy note');
      expect(found.results[0]?.excerpt).toContain('MÉDICATION refill is ready');
    }
    expect((await search('c1', 'medications')).results).toEqual([]);
    expect((await search('c1', 'refill dentist')).results).toEqual([]);
  });

  it('R44: subjects and attachment names are found; a subject match is one hit for its thread', async () => {
    const subject = await search('c1', 'pharmacy note');
    expect(subject.results).toHaveLength(1);
    // The subject is in the hit; the excerpt is how the thread began.
    expect(subject.results[0]).toMatchObject({
      threadId: refillThread,
      subject: 'Pharmacy note',
      excerpt: 'Your MÉDICATION refill is ready at the pharmacy.',
    });
    const fileId = await insertAttachment(
      w.server,
      w.practiceId,
      w.ids.p2 as string,
      'Insurance-Verification Form.pdf',
    );
    const withFile = await send('p2', ['c1'], 'Paperwork', '<p>Please look at the attached form when you can.</p>', [
      fileId,
    ]);
    const found = await search('c1', 'insurance verification');
    expect(found.results.map((r) => r.threadId)).toEqual([withFile.id]);
    expect(found.results[0]?.excerpt).toContain('Insurance-Verification Form.pdf');
  });

  it("R44: staff find a thread by the other participants' names, mixed with words of a message", async () => {
    const byName = await search('p1', 'canary');
    expect(new Set(byName.results.map((r) => r.threadId))).toEqual(new Set([refillThread, groupThread]));
    expect(byName.results.every((r) => r.excerpt.startsWith('With ') && r.excerpt.includes('Client One Canary'))).toBe(
      true,
    );
    const mixed = await search('p1', 'canary refill');
    expect(mixed.results.map((r) => r.threadId)).toEqual([refillThread]);
    expect(mixed.results[0]?.excerpt).toContain('refill');
    // A client finds staff by name.
    expect(await threadsFound('c2', 'staff p1')).toEqual(new Set([groupThread]));
  });

  it('R44 R31: names are found through keyed hashes of their beginnings, never stored in plaintext; people from before the name index are indexed at start', async () => {
    const db = w.server.db;
    const canary = w.ids.c1 as string;
    const dump = JSON.stringify(
      await db.selectFrom('search_names').selectAll().where('practice_id', '=', w.practiceId).execute(),
    );
    expect(dump).toContain(canary);
    expect(dump.toLowerCase()).not.toMatch(/canary|client/);
    // As if written before the index: found by nothing until the backfill indexes them again.
    await db.deleteFrom('search_names').where('user_id', '=', canary).execute();
    expect((await search('p1', 'canary')).results).toEqual([]);
    expect(await backfillNameIndex(w.server.ctx)).toBe(1);
    expect(await threadsFound('p1', 'canar')).toEqual(new Set([refillThread, groupThread]));
    expect(await backfillNameIndex(w.server.ctx)).toBe(0);
  });

  it('R36: a client never finds — or reads in a result — another client of a shared thread', async () => {
    for (const q of ['canary', 'Client One Canary', 'one canary', 'group canary']) {
      const found = await search('c2', q);
      expect(found.results, q).toEqual([]);
    }
    // The shared thread is found by its own words, and nothing in the hit names the other client.
    const group = await search('c2', 'group');
    expect(group.results.map((r) => r.threadId)).toEqual([groupThread]);
    expect(JSON.stringify(group)).not.toMatch(/canary|client one/i);
    expect((await search('c1', 'two')).results).toEqual([]);
    // Their own name is not "another participant" either.
    expect((await search('c2', 'client two')).results).toEqual([]);
  });

  it('R44: each role finds exactly the threads it takes part in', async () => {
    const word = 'Quarterly';
    const toFo = await send('p2', ['fo'], 'Quarterly front desk', '<p>Quarterly schedule for the front desk.</p>');
    const toBiller = await send('p2', ['biller'], 'Quarterly billing', '<p>Quarterly claims for the biller.</p>');
    const toAgent = await send('p2', ['agent'], 'Quarterly referral', '<p>Quarterly referral for the agent.</p>');
    const toClient = await send('p3', ['c2'], 'Quarterly check-in', '<p>Quarterly check-in with you.</p>');
    expect(await threadsFound('p2', word)).toEqual(new Set([toFo.id, toBiller.id, toAgent.id]));
    expect(await threadsFound('fo', word)).toEqual(new Set([toFo.id]));
    expect(await threadsFound('biller', word)).toEqual(new Set([toBiller.id]));
    expect(await threadsFound('agent', word)).toEqual(new Set([toAgent.id]));
    expect(await threadsFound('c2', word)).toEqual(new Set([toClient.id]));
    expect(await threadsFound('c1', word)).toEqual(new Set());
    // An admin sees no more than their own threads.
    expect(await threadsFound('admin', word)).toEqual(new Set());
  });

  it('R44: newest first, paged by cursor, every hit once', async () => {
    const p3 = await w.as('p3');
    const thread = await send('p3', ['c4'], 'Series', '<p>Pagination marker message number zero.</p>');
    for (let i = 1; i < 25; i += 1) {
      const res = await p3.post(`/api/threads/${thread.id}/messages`, {
        body: `<p>Pagination marker message number ${i} of the series.</p>`,
      });
      expect(res.status, res.text).toBe(201);
    }
    const first = await search('p3', 'pagination marker');
    expect(first.results).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await search('p3', 'pagination marker', first.nextCursor ?? '');
    expect(second.results).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const all = [...first.results, ...second.results];
    const times = all.map((r) => r.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(all[0]?.excerpt).toContain('number 24');
    expect(all[24]?.excerpt).toContain('number zero');
    expect(new Set(all.map((r) => r.excerpt)).size).toBe(25);
  });

  it('R7 R44: a draft is not searchable; once sent it is, its subject included', async () => {
    const p1 = await w.as('p1');
    const draft = await p1.post('/api/drafts', {
      to: [{ userId: w.ids.c2 }],
      subject: 'Draft about papayas',
      body: '<p>Papaya plan still being written.</p>',
    });
    expect(draft.status, draft.text).toBe(201);
    expect((await search('p1', 'papaya')).results).toEqual([]);
    expect((await search('c2', 'papaya')).results).toEqual([]);
    const sent = await p1.post(`/api/drafts/${draft.body.draft.id}/send`);
    expect(sent.status, sent.text).toBe(201);
    const found = await search('c2', 'papaya');
    expect(found.results).toHaveLength(1);
    expect(found.results[0]?.subject).toBe('Draft about papayas');
  });

  it('R19: a deleted message and a deleted thread leave the results at once, index rows and all', async () => {
    const p1 = await w.as('p1');
    const thread = await send('p1', ['c2'], 'Zucchini plan', '<p>First note about the garden plan.</p>');
    const reply = await p1.post(`/api/threads/${thread.id}/messages`, {
      body: '<p>Second: zucchini harvest soon.</p>',
    });
    expect(reply.status).toBe(201);
    expect((await search('c2', 'zucchini harvest')).results).toHaveLength(1);
    expect((await p1.delete(`/api/messages/${reply.body.message.id}`)).status).toBe(204);
    expect((await search('c2', 'harvest')).results).toEqual([]);
    expect((await search('c2', 'zucchini')).results.map((r) => r.threadId)).toEqual([thread.id]);
    expect((await p1.delete(`/api/threads/${thread.id}`)).status).toBe(204);
    expect((await search('c2', 'zucchini')).results).toEqual([]);
    expect((await search('p1', 'garden')).results).toEqual([]);
    for (const table of ['search_terms', 'search_subjects'] as const) {
      const rows = await w.server.db.selectFrom(table).select('thread_id').where('thread_id', '=', thread.id).execute();
      expect(rows, table).toEqual([]);
    }
  });

  it('R31 R32: no word is stored in plaintext; a search is audited without its words', async () => {
    const word = 'Xylophonist';
    await send('p2', ['c1'], 'Music therapy', `<p>The ${word} session moves to Friday.</p>`);
    expect((await search('c1', word)).results).toHaveLength(1);
    const dump = JSON.stringify(await w.server.db.selectFrom('search_terms').selectAll().execute());
    expect(dump.toLowerCase()).not.toContain('xylo');
    if (testDb === 'sqlite') {
      const files = filesBelow(w.server.dataDir).filter((f) => f.includes('confide.db'));
      expect(files.length).toBeGreaterThan(0);
      for (const needle of [word, word.toLowerCase(), 'xylophon']) expect(filesContaining(files, needle)).toEqual([]);
    }
    const audit = await w.server.db
      .selectFrom('audit_events')
      .select(['action', 'targets', 'actor_id'])
      .where('action', '=', 'threads.searched')
      .execute();
    expect(audit.some((a) => a.actor_id === w.ids.c1)).toBe(true);
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('xylo');
  });

  it('R44: threads written before the index existed are indexed once by the backfill', async () => {
    const db = w.server.db;
    const cipher = await w.server.ctx.keys.forPractice(w.server.ctx.db, w.practiceId);
    const threadId = newId();
    const messageId = newId();
    const at = nowIso();
    await db
      .insertInto('threads')
      .values({
        id: threadId,
        practice_id: w.practiceId,
        subject_enc: cipher.encrypt(binding('threads.subject', threadId), 'Older conversation'),
        created_by: w.ids.p2 as string,
        created_at: at,
        last_message_at: at,
        client_count: 1,
        staff_count: 1,
        has_attachments: 0,
      })
      .execute();
    await db
      .insertInto('thread_participants')
      .values(
        ['p2', 'c2'].map((k) => ({
          thread_id: threadId,
          user_id: w.ids[k] as string,
          practice_id: w.practiceId,
          has_incoming: k === 'c2' ? 1 : 0,
          has_sent: k === 'p2' ? 1 : 0,
          archived: 0,
          unread: 0,
          last_activity_at: at,
        })),
      )
      .execute();
    await db
      .insertInto('messages')
      .values({
        id: messageId,
        thread_id: threadId,
        practice_id: w.practiceId,
        sender_id: w.ids.p2 as string,
        body_enc: cipher.encrypt(binding('messages.body', messageId), '<p>Written before search: kumquat.</p>'),
        created_at: at,
        has_attachments: 0,
      })
      .execute();
    expect((await search('c2', 'kumquat')).results).toEqual([]);
    await db.deleteFrom('search_backfill').execute();
    expect(await backfillSearchIndex(w.server.ctx)).toBeGreaterThan(0);
    expect((await search('c2', 'kumquat')).results.map((r) => r.threadId)).toEqual([threadId]);
    expect((await search('c2', 'older conversation')).results.map((r) => r.threadId)).toEqual([threadId]);
    // Once per practice: a second run has nothing to do.
    expect(await backfillSearchIndex(w.server.ctx)).toBe(0);
  });

  it('R44 R19: a sent message waits in a queue for the index, a search indexes it first; deleted while queued, it never reaches the index', async () => {
    // From here on only a search, or a round run by hand, indexes this node's queue.
    await w.server.searchIndexer.stop();
    const db = w.server.db;
    const queued = async (messageId: string) =>
      (await db.selectFrom('search_queue').select('message_id').where('message_id', '=', messageId).execute()).length;
    const indexed = async (messageId: string) =>
      (await db.selectFrom('search_terms').select('term').where('message_id', '=', messageId).execute()).length;
    const p1 = await w.as('p1');
    const thread = await send('p1', ['c2'], 'Orchard', '<p>Apricot trees first.</p>');
    const reply = async (body: string) => {
      const res = await p1.post(`/api/threads/${thread.id}/messages`, { body });
      expect(res.status, res.text).toBe(201);
      return res.body.message.id as string;
    };
    const quince = await reply('<p>Then the quince by the wall.</p>');
    expect([await queued(quince), await indexed(quince)]).toEqual([1, 0]);
    expect((await search('c2', 'quince')).results.map((r) => r.threadId)).toEqual([thread.id]);
    expect(await queued(quince)).toBe(0);
    expect(await indexed(quince)).toBeGreaterThan(0);

    const persimmon = await reply('<p>A persimmon, maybe.</p>');
    expect(await queued(persimmon)).toBe(1);
    expect((await p1.delete(`/api/messages/${persimmon}`)).status).toBe(204);
    expect(await queued(persimmon)).toBe(0);
    expect((await search('c2', 'persimmon')).results).toEqual([]);
    expect(await indexed(persimmon)).toBe(0);

    // The background round takes what is queued, in every practice, and leaves nothing behind.
    const medlar = await reply('<p>And a medlar.</p>');
    expect(await indexAllQueued(w.server.ctx)).toBeGreaterThanOrEqual(1);
    expect([await queued(medlar), (await indexed(medlar)) > 0]).toEqual([0, true]);
    expect(await db.selectFrom('search_queue').select('message_id').execute()).toEqual([]);
    expect((await search('p1', 'medlar')).results.map((r) => r.threadId)).toEqual([thread.id]);
  });
});
