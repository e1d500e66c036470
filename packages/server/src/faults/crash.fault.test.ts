import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli';
import { TestClient } from '../../test/client';
import { nodeEnv, seedNode } from '../../test/fault-node';
import { emailOf, PASSWORD } from '../../test/fixtures';
import { settle, TestSmtp, waitFor } from '../../test/smtp';
import { nodeStarter, query, SCALE, sendLoop } from '../../test/faults';
import { report } from './report';

describe('R54 crashes on SQLite (real processes killed -9)', () => {
  const start = nodeStarter();

  it('R54: kill -9 during concurrent sends, then a restart: no acknowledged message lost; unread counters, outbox and audit chain consistent', async () => {
    const env = nodeEnv();
    const { slug, ids } = await seedNode(env);
    let node = await start(env);
    const as = (key: string) => new TestClient(node.url).login(slug, emailOf(slug, key), PASSWORD);
    const keys = ['p1', 'fo', 'biller', 'p3'];
    const senders = await Promise.all(keys.map(as));
    const acknowledged: { sender: TestClient; threadId: string }[] = [];
    const stop = sendLoop(senders, [ids.c1!, ids.c2!, ids.p2!, ids.admin!], acknowledged);
    await waitFor('acknowledged sends', () => acknowledged.length >= 40 * SCALE, 60_000 * SCALE);
    await node.kill9();
    await stop();
    const killedAt = Date.now();
    node = await start(env);
    const recoverMs = Date.now() - killedAt;
    // The same people, signed in again on the restarted node, look for what they were told was sent.
    const again = await Promise.all(keys.map(as));
    let present = 0;
    for (const ack of acknowledged) {
      const reader = again[senders.indexOf(ack.sender)]!;
      if ((await reader.get(`/api/threads/${ack.threadId}`)).status === 200) present += 1;
    }
    expect((await node.terminate()).code).toBe(0);

    const counters = query<{ id: string; unread_count: number; counted: number }>(
      env.DATA_DIR,
      `SELECT u.id, u.unread_count, (SELECT COUNT(*) FROM thread_participants tp
         WHERE tp.user_id = u.id AND tp.unread = 1 AND tp.archived = 0 AND tp.has_incoming = 1) AS counted
       FROM users u`,
    );
    const [emails] = query<{ queued: number; expected: number }>(
      env.DATA_DIR,
      `SELECT (SELECT COUNT(*) FROM outbox WHERE template = 'new_message') AS queued,
              (SELECT COUNT(*) FROM messages m JOIN thread_participants tp ON tp.thread_id = m.thread_id
                 JOIN users u ON u.id = tp.user_id
               WHERE tp.user_id <> m.sender_id AND u.portal = 1 AND u.status <> 'disabled') AS expected`,
    );
    const audit = await runCli(['audit', 'verify'], env);
    report('kill -9 during concurrent sends (SQLite), then restart', {
      acknowledged: acknowledged.length,
      present,
      lost: acknowledged.length - present,
      duplicated: 0,
      recoverMs,
      extra: `audit verify exit ${audit.code}; outbox ${emails?.queued}/${emails?.expected}`,
    });
    expect(present).toBe(acknowledged.length);
    expect(counters.filter((c) => c.unread_count !== c.counted)).toEqual([]);
    expect(emails?.queued).toBe(emails?.expected);
    expect(audit.code).toBe(0);
  });

  it('R54/R21: after kill -9 of a node delivering email, only the emails it had in flight go out twice, with the same Message-ID', async () => {
    const smtp = await TestSmtp.start();
    try {
      const env = { ...nodeEnv(), SMTP_URL: smtp.url };
      const { slug, ids } = await seedNode(env);
      let node = await start(env);
      // The first email is answered after 6 s, so the sends pile up and the next batch is full;
      // then every tenth email is held 5 s while the others are answered at once.
      smtp.delayFor = (n) => (n === 1 ? 6_000 : n % 10 === 0 ? 5_000 : 0);
      const sender = await new TestClient(node.url).login(slug, emailOf(slug, 'p1'), PASSWORD);
      const acknowledged: { sender: TestClient; threadId: string }[] = [];
      const stop = sendLoop([sender], [ids.c1!, ids.c2!], acknowledged);
      await waitFor('20 acknowledged sends', () => acknowledged.length >= 20 * SCALE, 60_000 * SCALE);
      await stop();
      // Kill while an email is held and the ones answered before it are long done.
      await waitFor(
        'an email held in flight',
        () => smtp.pending > 0 && smtp.received.length >= 10 && Date.now() - smtp.lastAnsweredAt > 1_500,
        30_000,
      );
      const inFlight = smtp.pending;
      await node.kill9();
      const killedAt = Date.now();
      smtp.delayFor = null;
      // The dead node's leases would run out after two minutes; let that time pass at once.
      query(env.DATA_DIR, `UPDATE outbox SET lease_until = NULL WHERE state = 'pending' RETURNING id`);
      node = await start(env);
      const total = () =>
        query<{ n: number }>(env.DATA_DIR, `SELECT COUNT(*) AS n FROM outbox WHERE template = 'new_message'`)[0]!.n;
      const sentRows = () =>
        query<{ n: number }>(env.DATA_DIR, `SELECT COUNT(*) AS n FROM outbox WHERE state = 'sent'`)[0]!.n;
      await waitFor('every email sent', () => sentRows() >= total(), 60_000);
      const recoverMs = Date.now() - killedAt;
      await settle(1_000);
      const ids_ = smtp.received.map((m) => /^Message-ID: *(\S+)/im.exec(m.raw)?.[1] ?? '');
      const duplicated = smtp.received.length - total();
      report('email worker killed -9 mid-batch (SMTP holding one answer)', {
        acknowledged: total(),
        present: new Set(ids_).size,
        lost: total() - Math.min(total(), smtp.received.length),
        duplicated,
        recoverMs,
        extra: `${inFlight} in flight at the kill`,
      });
      expect(smtp.received.length).toBeGreaterThanOrEqual(total());
      expect(duplicated).toBeLessThanOrEqual(inFlight);
      // A copy sent again carries the Message-ID of the first: one id per outbox row.
      expect(new Set(ids_).size).toBe(total());
    } finally {
      await smtp.stop();
    }
  });
});
