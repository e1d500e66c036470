import { describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client';
import { nodeEnv, seedNode } from '../../test/fault-node';
import { emailOf, PASSWORD } from '../../test/fixtures';
import { TestSmtp, waitFor } from '../../test/smtp';
import { nodeStarter, query, SCALE, sendLoop } from '../../test/faults';
import { report } from './report';

describe('R48 calm notifications across kill -9 (SQLite, real processes)', () => {
  const start = nodeStarter();

  it('R48/R21: kill -9 while sends turn into digest notices and emails, then a restart: each person is emailed once in the window', async () => {
    const smtp = await TestSmtp.start();
    try {
      const env = { ...nodeEnv(), SMTP_URL: smtp.url };
      // One email per hour at most: every message of this run falls in one digest window.
      const { slug, ids } = await seedNode(env, { notificationDigestMinutes: 60 });
      const recipients = ['c1', 'c2', 'p2', 'admin'];
      let node = await start(env);
      const as = (key: string) => new TestClient(node.url).login(slug, emailOf(slug, key), PASSWORD);
      const acknowledged: { sender: TestClient; threadId: string }[] = [];
      let stop = sendLoop(
        await Promise.all(['p1', 'fo', 'p3'].map(as)),
        recipients.map((key) => ids[key]!),
        acknowledged,
      );
      // Kill once a notices round has emailed someone and sends keep arriving.
      await waitFor('a first digest email', () => smtp.received.length > 0, 60_000 * SCALE);
      await waitFor('more sends', () => acknowledged.length >= 20 * SCALE, 60_000 * SCALE);
      await node.kill9();
      await stop();
      const killedAt = Date.now();
      // The dead node's leases would run out after two minutes; let that time pass at once.
      query(env.DATA_DIR, `UPDATE outbox SET lease_until = NULL WHERE state = 'pending' RETURNING id`);
      node = await start(env);
      stop = sendLoop(
        [await as('p1')],
        recipients.map((key) => ids[key]!),
        acknowledged,
      );
      await waitFor('sends after the restart', () => acknowledged.length >= 30 * SCALE, 60_000 * SCALE);
      await stop();
      // Rounds run every 5 s: wait until none is due any more (the rest waits for the window's end).
      const due = () =>
        query<{ n: number }>(
          env.DATA_DIR,
          `SELECT COUNT(*) AS n FROM pending_notices WHERE due_at <= '${new Date().toISOString()}'`,
        )[0]!.n;
      await waitFor('every due notice settled', () => due() === 0, 60_000);
      const rows = query<{ recipient_id: string; state: string }>(
        env.DATA_DIR,
        `SELECT recipient_id, state FROM outbox WHERE template = 'new_message'`,
      );
      await waitFor(
        'the digest emails sent',
        () => query<{ n: number }>(env.DATA_DIR, `SELECT COUNT(*) AS n FROM outbox WHERE state <> 'sent'`)[0]!.n === 0,
        60_000,
      );
      const recoverMs = Date.now() - killedAt;
      expect((await node.terminate()).code).toBe(0);

      const messageIds = (key: string) =>
        new Set(smtp.to(emailOf(slug, key)).map((m) => /^Message-ID: *(\S+)/im.exec(m.raw)?.[1] ?? ''));
      const duplicated = recipients.reduce((n, key) => n + smtp.to(emailOf(slug, key)).length - 1, 0);
      report('kill -9 while calm notices become digest emails (SQLite), then restart', {
        acknowledged: acknowledged.length,
        present: rows.length,
        lost: recipients.filter((key) => messageIds(key).size === 0).length,
        duplicated,
        recoverMs,
        extra: `${recipients.length} people, ${rows.length} digest emails for ${acknowledged.length} messages`,
      });
      // One queued email per person for every message of the window, and one distinct email received.
      expect(rows.map((r) => r.recipient_id).sort()).toEqual(recipients.map((key) => ids[key]!).sort());
      for (const key of recipients) expect(messageIds(key).size).toBe(1);
    } finally {
      await smtp.stop();
    }
  });
});
