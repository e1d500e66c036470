import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../../test/clock';
import type { TestClient } from '../../../test/client';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { auditEvents } from '../../../test/links';
import { startPeerServer } from '../../../test/peer-server';
import { samplePdf, samplePng } from '../attachments/test-samples';
import { runDueRetention } from './run-retention';
import { uploadFiles } from './records.test-helpers';

/** More than one batch of the run (50), so the run commits in steps and two nodes share it. */
const OLD_PLAIN = 55;
const DAY = 86_400_000;

describe(`R51 retention (${testDb})`, () => {
  let server: TestServer;
  let peer: TestServer | null = null;
  let practiceId: string;
  let otherPracticeId: string;
  let admin: TestClient;
  let provider: TestClient;
  let client: TestClient;
  const old: string[] = [];
  const kept: string[] = [];
  let otherOld: string;
  let slug: string;
  let oldBlobKeys: string[] = [];
  // Friday 1 March 2019, 10 am in New York: the old history is written then.
  const clock = new TestClock(Date.parse('2019-03-01T15:00:00Z'));

  const send = async (as: TestClient, to: string, subject: string, files: [string, Buffer][] = []) => {
    const attachmentIds = files.length > 0 ? await uploadFiles(as, ...files) : undefined;
    const res = await as.post('/api/threads', {
      to: [{ userId: to }],
      subject,
      body: '<p>Something from long ago.</p>',
      ...(attachmentIds ? { attachmentIds } : {}),
    });
    expect(res.status).toBe(201);
    return res.body.thread.id as string;
  };
  /** Sessions idle out (R29) while the test moves the clock: everyone signs in again. */
  const signInAgain = async () => {
    admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    provider = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
  };
  /** Both nodes (or, on SQLite, two workers of the one node) run retention at the same time. */
  const runEverywhere = async () => {
    const other = peer ? peer.retention.run() : runDueRetention(server.ctx);
    const counts = await Promise.all([server.retention.run(), other, server.retention.run()]);
    return counts.reduce((a, b) => a + b, 0);
  };
  const existingThreads = async (ids: string[]) =>
    (await server.db.selectFrom('threads').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();
  const count = async (table: 'messages' | 'attachments', threadIds: string[]) =>
    table === 'messages'
      ? (await server.db.selectFrom('messages').select('id').where('thread_id', 'in', threadIds).execute()).length
      : (
          await server.db
            .selectFrom('attachments')
            .innerJoin('messages', 'messages.id', 'attachments.message_id')
            .select('attachments.id')
            .where('messages.thread_id', 'in', threadIds)
            .execute()
        ).length;
  const blobExists = async (key: string) =>
    server.ctx.blobs.get(key).then(
      (stream) => {
        stream.destroy();
        return true;
      },
      () => false,
    );

  beforeAll(async () => {
    server = await startTestServer({}, clock);
    // PostgreSQL: a second app node on the same database, with the same clock.
    if (server.databaseUrl) {
      peer = await startPeerServer(server, {}, clock);
      // Several nodes share one blob store (S3 in production); the peer's local folder stands in for nothing.
      peer.ctx.blobs = server.ctx.blobs;
    }
    const fixture = standardPractice(uniqueSlug('keep'));
    slug = fixture.practice.slug;
    let ids: Record<string, string>;
    ({ practiceId, ids } = await server.seed(fixture));
    admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    provider = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);

    old.push(await send(provider, ids.c1!, 'Intake forms', [['intake.pdf', samplePdf('intake')]]));
    old.push(
      await send(client, ids.p1!, 'My scan', [
        ['scan.png', samplePng()],
        ['letter.pdf', samplePdf('letter')],
      ]),
    );
    for (let i = 0; i < OLD_PLAIN; i += 1) old.push(await send(provider, ids.c2!, `Old note ${i}`));
    // Started in 2019, answered in 2025: its last activity is recent, so it stays.
    const answered = await send(provider, ids.c1!, 'Long conversation');
    kept.push(answered);
    // Other sessions idle out over the years the test skips: sign in again as time moves.
    clock.set('2023-06-01T15:00:00Z');
    provider = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    kept.push(await send(provider, ids.c1!, 'Newer forms', [['newer.pdf', samplePdf('newer')]]));
    clock.set('2025-11-03T15:00:00Z');
    client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    const reply = await client.post(`/api/threads/${answered}/messages`, { body: '<p>Picking this up again.</p>' });
    expect(reply.status).toBe(201);

    // Another practice with old history keeps it: its retention is forever.
    clock.set('2019-03-01T15:00:00Z');
    const otherFixture = standardPractice(uniqueSlug('keep-other'));
    let otherIds: Record<string, string>;
    ({ practiceId: otherPracticeId, ids: otherIds } = await server.seed(otherFixture));
    const otherSlug = otherFixture.practice.slug;
    const otherProvider = await server.client().login(otherSlug, emailOf(otherSlug, 'p1'), PASSWORD);
    otherOld = await send(otherProvider, otherIds.c1!, 'Other practice', [['o.pdf', samplePdf('other')]]);

    // Tuesday 10 March 2026, 2 am in New York: an hour before the daily run time.
    clock.set('2026-03-10T06:00:00Z');
    await signInAgain();
    oldBlobKeys = (
      await server.db
        .selectFrom('attachments')
        .innerJoin('messages', 'messages.id', 'attachments.message_id')
        .select('attachments.blob_key')
        .where('messages.thread_id', 'in', old)
        .execute()
    ).map((r) => r.blob_key);
  });
  afterAll(async () => {
    await peer?.close();
    await server?.close();
  });

  it('R51: signed out, a non-admin staff member and a client are refused the preview', async () => {
    expect((await server.client().get('/api/admin/retention')).status).toBe(401);
    expect((await provider.get('/api/admin/retention')).status).toBe(403);
    const refused = await client.get('/api/admin/retention');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('R51: kept forever by default — the preview shows nothing to remove and a run removes nothing', async () => {
    const settings = await admin.get('/api/admin/settings');
    expect(settings.body.settings.retentionYears).toBeNull();
    const preview = await admin.get('/api/admin/retention');
    expect(preview.status).toBe(200);
    expect(preview.body.retention).toMatchObject({
      retentionYears: null,
      cutoff: null,
      threads: 0,
      messages: 0,
      attachments: 0,
      oldestActivity: null,
    });
    clock.advance(2 * 3_600_000);
    expect(await runEverywhere()).toBe(0);
    expect(await existingThreads([...old, ...kept])).toEqual([...old, ...kept].sort());
    clock.set('2026-03-10T06:00:00Z');
    await signInAgain();
  });

  it('R51: the preview shows what the next run will remove and when it runs; the run removes exactly that, once across nodes', async () => {
    const patched = await admin.patch('/api/admin/settings', { retentionYears: 6 });
    expect(patched.status).toBe(200);
    expect(patched.body.settings.retentionYears).toBe(6);

    const preview = (await admin.get('/api/admin/retention')).body.retention;
    const expectedMessages = await count('messages', old);
    const expectedFiles = await count('attachments', old);
    expect(expectedFiles).toBe(3);
    expect(preview).toEqual({
      retentionYears: 6,
      // 3 am EDT on the day of the next run, six years back.
      cutoff: '2020-03-10T07:00:00.000Z',
      nextRunAt: '2026-03-10T07:00:00.000Z',
      threads: old.length,
      messages: expectedMessages,
      attachments: expectedFiles,
      oldestActivity: '2019-03-01T15:00:00.000Z',
      newestActivity: '2019-03-01T15:00:00.000Z',
    });
    const viewed = await auditEvents(server, practiceId, 'admin.retention.viewed');
    expect(viewed.length).toBeGreaterThanOrEqual(2);

    // Before the run time nothing happens.
    expect(await runEverywhere()).toBe(0);
    expect(await existingThreads(old)).toHaveLength(old.length);

    clock.set('2026-03-10T07:05:00Z');
    expect(await runEverywhere()).toBe(preview.threads);
    expect(await runEverywhere()).toBe(0);
    await signInAgain();

    expect(await existingThreads(old)).toEqual([]);
    expect(await count('messages', old)).toBe(0);
    expect(await existingThreads(kept)).toEqual([...kept].sort());
    expect(await count('attachments', kept)).toBe(1);
    // The files' contents are destroyed too.
    expect(oldBlobKeys).toHaveLength(3);
    for (const key of oldBlobKeys) expect(await blobExists(key)).toBe(false);

    const run = await server.db
      .selectFrom('job_runs')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('job', '=', 'retention')
      .execute();
    expect(run).toHaveLength(1);
    expect(run[0]?.day).toBe('2026-03-10');
    expect(run[0]?.finished_at).not.toBeNull();
    expect(JSON.parse(run[0]?.result ?? '{}')).toEqual({
      threads: preview.threads,
      messages: preview.messages,
      attachments: preview.attachments,
    });
  });

  it('R51 R19: each destroyed thread leaves an ids-only audit row, live removals, and no trace in any view', async () => {
    const purged = await auditEvents(server, practiceId, 'thread.purged');
    expect(purged.map((e) => e.targets.threadId).sort()).toEqual([...old].sort());
    for (const event of purged) {
      expect(event.actor_id).toBeNull();
      expect(Object.keys(event.targets).sort()).toEqual(['clientIds', 'retentionYears', 'threadId']);
    }
    // Audit rows are never removed by retention: the sends of the destroyed threads are still there.
    const sent = await auditEvents(server, practiceId, 'message.sent');
    const sentThreads = new Set(sent.map((e) => e.targets.threadId));
    for (const id of old) expect(sentThreads.has(id)).toBe(true);
    const admins = await admin.get('/api/admin/audit?format=json&action=thread.purged&limit=100');
    expect(admins.status).toBe(200);
    expect(admins.body.events.length).toBe(old.length);

    const removals = await server.db
      .selectFrom('events')
      .select(['payload'])
      .where('practice_id', '=', practiceId)
      .where('type', '=', 'thread.deleted')
      .execute();
    const removed = new Set(removals.map((r) => (JSON.parse(r.payload) as { threadId: string }).threadId));
    for (const id of old) expect(removed.has(id)).toBe(true);

    expect((await provider.get(`/api/threads/${old[0]}`)).status).toBe(404);
    expect((await client.get(`/api/threads/${old[1]}`)).status).toBe(404);
    const inbox = await client.get('/api/threads?folder=inbox');
    const listed = (inbox.body.threads as { id: string }[]).map((t) => t.id);
    for (const id of old) expect(listed).not.toContain(id);
  });

  it("R51: after the run the preview shows tomorrow's run, and another practice's history is untouched", async () => {
    const preview = (await admin.get('/api/admin/retention')).body.retention;
    expect(preview).toMatchObject({ threads: 0, messages: 0, attachments: 0, nextRunAt: '2026-03-11T07:00:00.000Z' });
    expect(await existingThreads([otherOld])).toEqual([otherOld]);
    expect(await auditEvents(server, otherPracticeId, 'thread.purged')).toEqual([]);

    // A year on, the "Newer forms" thread of June 2023 is not yet six years old; nothing goes.
    clock.advance(365 * DAY);
    expect(await runEverywhere()).toBe(0);
    expect(await existingThreads(kept)).toEqual([...kept].sort());
  });

  it("R51: a shorter period set after the day's run time first runs the next day, after its preview", async () => {
    // Wednesday 10 March 2027, 8 am in New York (standard time until 14 March): today's 3 am has passed.
    clock.set('2027-03-10T13:00:00Z');
    await signInAgain();
    expect((await admin.patch('/api/admin/settings', { retentionYears: 1 })).status).toBe(200);
    const preview = (await admin.get('/api/admin/retention')).body.retention;
    expect(preview).toMatchObject({
      retentionYears: 1,
      nextRunAt: '2027-03-11T08:00:00.000Z',
      cutoff: '2026-03-11T08:00:00.000Z',
      threads: kept.length,
    });
    expect(await runEverywhere()).toBe(0);
    expect(await existingThreads(kept)).toEqual([...kept].sort());

    clock.set('2027-03-11T08:05:00Z');
    expect(await runEverywhere()).toBe(kept.length);
    expect(await existingThreads(kept)).toEqual([]);
  });
});
