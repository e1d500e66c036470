import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPLY_BLOCKED_MULTIPLE_CLIENTS, REPLY_BLOCKED_SHARED_MESSAGE } from '@confide/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf } from '../../../test/fixtures';
import { testDb } from '../../../test/harness';
import { openLive, type LiveConnection } from '../../../test/live';
import { waitFor } from '../../../test/smtp';
import { readMailbox } from '../../email/mailbox';
import { samplePdf } from '../attachments/test-samples';
import { getBytes, pdfText } from '../records/records.test-helpers';
import { BODY, startMessagingWorld, type MessagingWorld } from './messaging.test-helpers';

/**
 * R36 end to end: client A and client B in one thread (with a provider and front office). As
 * each of them, every GET route of the published API, the live events and the emails are
 * searched for the other client's name, id and email — the canary that must never appear.
 */
describe(`R36 clients never learn of each other (${testDb})`, () => {
  let w: MessagingWorld;
  let threadId: string;
  let messageId: string;
  let attachmentId: string;
  const zipDir = mkdtempSync(join(tmpdir(), 'confide-r36-'));
  const live = new Map<string, LiveConnection>();
  const pair = [
    { me: 'c1', other: 'c2', otherName: 'Client Two' },
    { me: 'c2', other: 'c1', otherName: 'Client One Canary' },
  ] as const;

  beforeAll(async () => {
    w = await startMessagingWorld('r36');
    for (const key of ['c1', 'c2']) live.set(key, await openLive(w.server.url, await w.as(key)));
    const p1 = await w.as('p1');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(samplePdf('group plan'))]), 'group-plan.pdf');
    const upload = await p1.request('POST', '/api/attachments', form);
    expect(upload.status).toBe(201);
    attachmentId = upload.body.attachments[0].id;
    const sent = await p1.post('/api/threads', {
      to: ['c1', 'c2', 'fo'].map((k) => ({ userId: w.ids[k] })),
      subject: 'Group session on Thursday',
      body: BODY,
      attachmentIds: [attachmentId],
    });
    expect(sent.status).toBe(201);
    threadId = sent.body.thread.id;
    messageId = sent.body.thread.messages[0].id;
    // Each client also keeps a draft and has a 1:1 thread, so every list has something in it.
    for (const key of ['c1', 'c2']) {
      const client = await w.as(key);
      expect((await client.post('/api/drafts', { to: [{ userId: w.ids.p1 }], subject: 'Later' })).status).toBe(201);
      const own = await client.post('/api/threads', { to: [{ userId: w.ids.p1 }], subject: 'Mine', body: BODY });
      expect(own.status).toBe(201);
    }
    for (const key of ['c1', 'c2']) await live.get(key)?.next((e) => e.type === 'message.created');
  });
  afterAll(async () => {
    for (const connection of live.values()) connection.close();
    rmSync(zipDir, { recursive: true, force: true });
    await w.close();
  });

  /** The places a person can GET: every path of the published API, each id slot tried with every id they know. */
  async function everyGetResponse(key: string): Promise<{ path: string; status: number; text: string }[]> {
    const client = await w.as(key);
    const spec = await client.get('/api/openapi.json');
    expect(spec.status).toBe(200);
    const candidates = [threadId, messageId, attachmentId, w.ids[key] as string, w.ids.p1 as string];
    const paths = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>)
      .filter(([, methods]) => 'get' in methods)
      .map(([path]) => path);
    expect(paths).toContain('/api/threads/{id}');
    const urls = new Set<string>();
    for (const path of paths) {
      if (!path.includes('{')) {
        for (const query of ['', '?folder=inbox', '?folder=sent', '?folder=archive']) {
          if (query && path !== '/api/threads') continue;
          urls.add(path + query);
        }
        continue;
      }
      for (const id of candidates) {
        const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
        // R49: the thread export in both formats (a client is refused, and the refusal names no one).
        for (const query of path.endsWith('/export') ? ['?format=pdf', '?format=fhir'] : ['']) urls.add(url + query);
      }
    }
    const answers = [];
    for (const url of urls) {
      const res = await client.get(url);
      answers.push({ path: url, status: res.status, text: res.text });
    }
    return answers;
  }

  for (const { me, other, otherName } of pair) {
    it(`R36: as ${me}, no GET response of the whole API names the other client, their id or email`, async () => {
      const answers = await everyGetResponse(me);
      const reached = answers.filter((a) => a.status === 200).map((a) => a.path);
      // The walk did reach the places a client looks at.
      for (const path of ['/api/threads?folder=inbox', `/api/threads/${threadId}`, '/api/drafts', '/api/recipients']) {
        expect(reached).toContain(path);
      }
      expect(reached).toContain(`/api/attachments/${attachmentId}`);
      const canaries = [otherName, w.ids[other] as string, emailOf(w.slug, other)];
      for (const answer of answers) {
        for (const canary of canaries) {
          expect(answer.text.toLowerCase(), `${answer.path} carries ${canary}`).not.toContain(canary.toLowerCase());
        }
      }
    });

    it(`R36: as ${me}, the records ZIP (R50) — transcripts, file names, README — carries nothing of the other client`, async () => {
      const client = await w.as(me);
      const res = await getBytes(w.server.url, client, '/api/me/records');
      expect(res.status).toBe(200);
      const file = join(zipDir, `${me}.zip`);
      writeFileSync(file, res.bytes);
      const entries = execFileSync('unzip', ['-Z1', file]).toString('utf8').trim().split('\n');
      const texts = entries.map((entry) => {
        const bytes = execFileSync('unzip', ['-p', file, entry], { maxBuffer: 64 << 20 });
        return entry.endsWith('.pdf') && entry.includes('transcript') ? pdfText(bytes) : bytes.toString('latin1');
      });
      const group = entries.findIndex((e) => e.includes('Group session') && e.endsWith('transcript.pdf'));
      expect(texts[group]).toContain('Staff p1 (Provider)');
      expect(texts[group]).toContain(otherName === 'Client Two' ? 'Client One Canary' : 'Client Two');
      const canaries = [otherName, w.ids[other] as string, emailOf(w.slug, other)];
      for (const [index, text] of [...texts, entries.join('\n')].entries()) {
        for (const canary of canaries) {
          expect(text.toLowerCase(), `${entries[index] ?? 'entry names'} carries ${canary}`).not.toContain(
            canary.toLowerCase(),
          );
        }
      }
    });

    it(`R36: as ${me}, the thread lists the staff and themselves only; nothing counts the other clients`, async () => {
      const client = await w.as(me);
      const view = await client.get(`/api/threads/${threadId}`);
      expect(view.status).toBe(200);
      const ids = view.body.thread.participants.map((p: { id: string }) => p.id).sort();
      expect(ids).toEqual([w.ids.p1, w.ids.fo, w.ids[me]].sort());
      expect(view.body.thread.messages[0].sender.id).toBe(w.ids.p1);
      // R9 still holds, in words that do not say the message went to other clients.
      expect(view.body.thread).toMatchObject({ canReply: false, replyBlockedReason: REPLY_BLOCKED_SHARED_MESSAGE });
      expect(REPLY_BLOCKED_SHARED_MESSAGE).not.toMatch(/client/i);
      const reply = await client.post(`/api/threads/${threadId}/messages`, { body: BODY });
      expect(reply.status).toBe(403);
      expect(reply.body.error).toEqual({ code: 'reply_not_allowed', message: REPLY_BLOCKED_SHARED_MESSAGE });
      const inbox = await client.get('/api/threads?folder=inbox');
      const row = inbox.body.threads.find((t: { id: string }) => t.id === threadId);
      expect(row.participants.map((p: { id: string }) => p.id).sort()).toEqual([w.ids.p1, w.ids.fo].sort());
    });

    it(`R36: as ${me}, live events and emails carry nothing of the other client`, async () => {
      const connection = live.get(me);
      expect(connection?.events.length).toBeGreaterThan(0);
      const payloads = JSON.stringify(connection?.events);
      expect(payloads).not.toContain(w.ids[other]);
      expect(payloads.toLowerCase()).not.toContain(otherName.toLowerCase());
      const emails = await waitFor('the new-message email', async () => {
        const found = await readMailbox(w.server.dataDir, { to: emailOf(w.slug, me) });
        return found.length > 0 ? found : null;
      });
      const text = JSON.stringify(emails).toLowerCase();
      for (const canary of [otherName, w.ids[other] as string, emailOf(w.slug, other)]) {
        expect(text).not.toContain(canary.toLowerCase());
      }
    });
  }

  it('R36: staff still see everyone, with the R9 sentence that names the reason', async () => {
    for (const key of ['p1', 'fo']) {
      const view = await (await w.as(key)).get(`/api/threads/${threadId}`);
      expect(view.body.thread.participants.map((p: { id: string }) => p.id).sort()).toEqual(
        ['p1', 'fo', 'c1', 'c2'].map((k) => w.ids[k]).sort(),
      );
      expect(view.body.thread.replyBlockedReason).toBe(REPLY_BLOCKED_MULTIPLE_CLIENTS);
      const row = (await (await w.as(key)).get('/api/threads?folder=inbox&limit=100')).body.threads.find(
        (t: { id: string }) => t.id === threadId,
      );
      const fromSent = (await (await w.as(key)).get('/api/threads?folder=sent&limit=100')).body.threads.find(
        (t: { id: string }) => t.id === threadId,
      );
      const shown = (row ?? fromSent).participants.map((p: { id: string }) => p.id);
      expect(shown).toEqual(expect.arrayContaining([w.ids.c1, w.ids.c2]));
    }
  });

  it('R36: a client of another practice reaches none of it', async () => {
    const outsider = await w.asOther('c1');
    expect((await outsider.get(`/api/threads/${threadId}`)).status).toBe(404);
    expect((await outsider.get(`/api/attachments/${attachmentId}`)).status).toBe(404);
    const rows = await outsider.get('/api/threads?folder=inbox');
    expect(JSON.stringify(rows.body)).not.toContain(threadId);
  });
});
