import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEvent } from '@confide/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client';
import { createDatabase, type NodeProcess, nodeEnv, probe, seedNode, startNode } from '../../test/fault-node';
import { emailOf, PASSWORD } from '../../test/fixtures';
import { openLive, type LiveConnection } from '../../test/live';
import { findPgBin, type PgCluster, startPgCluster } from '../../test/pg-cluster';
import { settle, waitFor } from '../../test/smtp';
import { BODY, SCALE } from '../../test/faults';
import { report } from './report';

const DB_TIMEOUT_MS = 2_000;

/**
 * R54 on PostgreSQL, with every server a real process: two nodes on one throwaway cluster that
 * this file restarts, freezes and outlives.
 */
describe.runIf(findPgBin())('R54 faults on PostgreSQL (real processes)', () => {
  let cluster: PgCluster;
  let env: Record<string, string>;
  let slug: string;
  let ids: Record<string, string>;
  let node1: NodeProcess;
  let node2: NodeProcess;
  const nodes: NodeProcess[] = [];
  const sockets: LiveConnection[] = [];

  const start = async () => {
    const node = await startNode({ ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'confide-fault-node-')) });
    nodes.push(node);
    return node;
  };
  const as = (node: NodeProcess, key: string) => new TestClient(node.url).login(slug, emailOf(slug, key), PASSWORD);
  const live = async (node: NodeProcess, key: string) => {
    const socket = await openLive(node.url, await as(node, key));
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    cluster = await startPgCluster();
    env = { ...nodeEnv({ databaseUrl: await createDatabase(cluster.url) }), DB_TIMEOUT_MS: String(DB_TIMEOUT_MS) };
    ({ slug, ids } = await seedNode(env));
    [node1, node2] = await Promise.all([start(), start()]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(nodes.map((n) => n.kill9()));
    cluster?.stop();
  });

  it.each(['fast', 'immediate'] as const)(
    'R54: PostgreSQL restarted (-m %s) under load: no node exits, calls answer 503 with Retry-After meanwhile, both nodes serve again by themselves, the relay re-subscribes, no acknowledged send is lost',
    async (mode) => {
      const sender = await as(node1, 'p1');
      const reader = await as(node2, 'c2');
      const c1OnNode2 = await live(node2, 'c1');
      const answers: { status: number; code?: string; retryAfter: string | null; at: number }[] = [];
      let stop = false;
      const loop = async (
        client: TestClient,
        call: () => Promise<{ status: number; body: unknown; headers: Headers }>,
      ) => {
        while (!stop) {
          const res = await call().catch(() => null);
          answers.push({
            status: res?.status ?? 0,
            code: (res?.body as { error?: { code?: string } } | undefined)?.error?.code,
            retryAfter: res?.headers.get('retry-after') ?? null,
            at: Date.now(),
          });
          await settle(50);
        }
        void client;
      };
      // Every send the server acknowledged (201), to look for after the restart.
      const sent: string[] = [];
      const send = async () => {
        const res = await sender.post('/api/threads', { to: [{ userId: ids.c1 }], subject: 'Load', body: BODY });
        if (res.status === 201) sent.push(res.body.thread.id as string);
        return res;
      };
      const loops = [
        loop(sender, send),
        loop(reader, () => reader.get('/api/me')),
        loop(reader, () => reader.get('/api/threads?folder=inbox')),
      ];
      await settle(500);
      const restartedAt = Date.now();
      await cluster.restart(mode, 3_000);
      const upAt = Date.now();
      // Both nodes answer again by themselves: first 2xx from each after the database is back.
      const ready = async (node: NodeProcess) => {
        await waitFor('ready again', async () => (await probe(`${node.url}/readyz`)).status === 200, 30_000);
        return Date.now() - upAt;
      };
      const recoverMs = Math.max(await ready(node1), await ready(node2));
      await settle(1_000);
      stop = true;
      await Promise.all(loops);

      const during = answers.filter((a) => a.at >= restartedAt && a.at <= upAt + recoverMs);
      const failures = during.filter((a) => a.status >= 300 || a.status === 0);
      // After recovery, a send through node 1 reaches the socket on node 2: the relay listens again.
      const after = await sender.post('/api/threads', { to: [{ userId: ids.c1 }], subject: 'After', body: BODY });
      expect(after.status).toBe(201);
      await c1OnNode2.next((e) => e.type === 'message.created' && e.messageId === after.body.thread.messages[0].id);
      let present = 0;
      for (const threadId of sent) if ((await sender.get(`/api/threads/${threadId}`)).status === 200) present += 1;
      report(`PostgreSQL restart -m ${mode} (3 s down), load on 2 nodes`, {
        acknowledged: sent.length,
        present,
        lost: sent.length - present,
        duplicated: 0,
        recoverMs,
        extra: `${failures.length} answers during the outage: ${[...new Set(failures.map((f) => `${f.status} ${f.code ?? ''}`))].join(', ')}`,
      });
      expect(node1.isRunning()).toBe(true);
      expect(node2.isRunning()).toBe(true);
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) {
        expect(failure).toMatchObject({ status: 503, code: 'unavailable', retryAfter: expect.stringMatching(/^\d+$/) });
      }
      expect(recoverMs).toBeLessThan(20_000);
      expect(present).toBe(sent.length);
    },
  );

  it('R54: PostgreSQL frozen (SIGSTOP): every call answers 503 within the timeout, /healthz stays 200, service resumes after', async () => {
    const node = node1;
    const client = await as(node, 'p1');
    const STALL_MS = 12_000;
    cluster.pause();
    const resumed = settle(STALL_MS).then(() => cluster.resume());
    const started = Date.now();
    const timed = (call: Promise<{ status: number }>) =>
      call.then(
        (r) => ({ status: r.status, ms: Date.now() - started }),
        () => ({ status: 0, ms: Date.now() - started }),
      );
    const stalls = await Promise.all([
      timed(probe(`${node.url}/api/me`, { headers: { cookie: client.cookieHeader() } })),
      timed(probe(`${node.url}/api/threads?folder=inbox`, { headers: { cookie: client.cookieHeader() } })),
      timed(probe(`${node.url}/readyz`)),
      timed(client.post('/api/threads', { to: [{ userId: ids.c1 }], subject: 'Stalled', body: BODY })),
    ]);
    const health = await probe(`${node.url}/healthz`);
    const stillFrozen = Date.now() - started < STALL_MS;
    await resumed;
    const resumedAt = Date.now();
    await waitFor('ready after the stall', async () => (await probe(`${node.url}/readyz`)).status === 200, 30_000);
    report('PostgreSQL frozen (SIGSTOP), DB_TIMEOUT_MS=2000', {
      acknowledged: null,
      present: null,
      lost: 0,
      duplicated: 0,
      recoverMs: Date.now() - resumedAt,
      extra: `answers ${stalls.map((s) => `${s.status} in ${s.ms} ms`).join(', ')}`,
    });
    expect(stillFrozen).toBe(true);
    expect(health.status).toBe(200);
    for (const stall of stalls) {
      expect(stall.status).toBe(503);
      // The timeout (at most twice: a wait for a connection, then a statement), never the stall.
      expect(stall.ms).toBeLessThan(2 * DB_TIMEOUT_MS + 1_000);
    }
    expect(node.isRunning()).toBe(true);
  });

  it('R54: with node 1 killed -9 right after its answers, every acknowledged message reaches the sockets on node 2', async () => {
    const recipients = ['c1', 'c2', 'fo', 'p2'];
    const onNode2 = await Promise.all(recipients.map((key) => live(node2, key)));
    const senders = await Promise.all(['p1', 'p3', 'biller'].map((key) => as(node1, key)));
    const acknowledged: { threadId: string; messageId: string; to: number }[] = [];
    let stop = false;
    const send = async (sender: TestClient, i: number) => {
      while (!stop) {
        const to = i++ % recipients.length;
        const key = recipients[to]!;
        const res = await sender
          .post('/api/threads', { to: [{ userId: ids[key] }], subject: 'Fault', body: BODY })
          .catch(() => null);
        if (res?.status !== 201) return;
        const message = res.body.thread.messages[0];
        acknowledged.push({ threadId: res.body.thread.id, messageId: message.id, to });
      }
    };
    const senderLoops = senders.map((sender, i) => send(sender, i));
    await waitFor('acknowledged sends', () => acknowledged.length >= 30 * SCALE, 60_000 * SCALE);
    await node1.kill9();
    stop = true;
    await Promise.all(senderLoops);
    const arrived = (a: (typeof acknowledged)[number]) =>
      onNode2[a.to]!.events.some((e: LiveEvent) => e.type === 'message.created' && e.messageId === a.messageId);
    const started = Date.now();
    await waitFor('every acknowledged event on node 2', () => acknowledged.every(arrived), 15_000).catch(() => null);
    const present = acknowledged.filter(arrived).length;
    report('two nodes, node 1 killed -9 after acks: events on node 2', {
      acknowledged: acknowledged.length,
      present,
      lost: acknowledged.length - present,
      duplicated: onNode2.reduce((n, s) => n + s.events.length - new Set(s.events.map((e) => e.seq)).size, 0),
      recoverMs: Date.now() - started,
    });
    expect(present).toBe(acknowledged.length);
    expect(node2.isRunning()).toBe(true);
  });
});
