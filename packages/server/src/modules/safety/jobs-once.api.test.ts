import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../../test/clock';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { auditEvents } from '../../../test/links';
import { startPeerServer } from '../../../test/peer-server';
import { runDueSafetyJobs } from './run-safety-jobs';

const THREADS = 12;

describe(`R41 each reminder and escalation runs once (${testDb})`, () => {
  let server: TestServer;
  let peer: TestServer | null = null;
  let practiceId: string;
  let threadIds: string[];
  // Monday 9 March 2026, 10 am in New York.
  const clock = new TestClock(Date.parse('2026-03-09T10:00:00-04:00'));

  beforeAll(async () => {
    server = await startTestServer({}, clock);
    // PostgreSQL: a second app node on the same database, with the same clock.
    if (server.databaseUrl) peer = await startPeerServer(server, {}, clock);
    const fixture = standardPractice(uniqueSlug('once'));
    const slug = fixture.practice.slug;
    let ids: Record<string, string>;
    ({ practiceId, ids } = await server.seed(fixture));
    const client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    threadIds = [];
    for (let i = 0; i < THREADS; i += 1) {
      const sent = await client.post('/api/threads', {
        to: [{ userId: ids.p1 }],
        subject: `Question ${i}`,
        body: '<p>A question for my provider.</p>',
      });
      threadIds.push(sent.body.thread.id as string);
    }
  });
  afterAll(async () => {
    await peer?.close();
    await server?.close();
  });

  /** Both nodes (or, on SQLite, two workers of the one node) run the due jobs at the same time. */
  const runEverywhere = async () => {
    const other = peer ? peer.safety.run() : runDueSafetyJobs(server.ctx);
    const counts = await Promise.all([server.safety.run(), other, server.safety.run()]);
    return counts.reduce((a, b) => a + b, 0);
  };
  const outbox = async (template: string) =>
    Number(
      (
        await server.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('practice_id', '=', practiceId)
          .where('template', '=', template as 'reply_reminder')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('R41: reminders due at once on several workers are each sent once — one audit row, one email per provider', async () => {
    clock.advance(4 * 3_600_000);
    expect(await runEverywhere()).toBe(THREADS);
    expect(await runEverywhere()).toBe(0);
    const audited = await auditEvents(server, practiceId, 'safety.reminder.sent');
    expect(audited.map((e) => e.targets.threadId).sort()).toEqual([...threadIds].sort());
    expect(await outbox('reply_reminder')).toBe(THREADS);
  });

  it('R41: escalations due at once on several workers each happen once', async () => {
    clock.advance(3 * 24 * 3_600_000);
    expect(await runEverywhere()).toBe(THREADS);
    expect(await runEverywhere()).toBe(0);
    const escalated = await auditEvents(server, practiceId, 'safety.overdue.escalated');
    expect(escalated.map((e) => e.targets.threadId).sort()).toEqual([...threadIds].sort());
    const alerts = await server.db
      .selectFrom('thread_alerts')
      .select('thread_id')
      .where('practice_id', '=', practiceId)
      .where('kind', '=', 'overdue')
      .execute();
    expect(alerts).toHaveLength(THREADS);
    const joined = await auditEvents(server, practiceId, 'thread.joined');
    // The front office (fo and the admin) joined each thread once.
    expect(joined).toHaveLength(THREADS * 2);
  });
});
