import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll } from 'vitest';
import type { TestClient } from './client';
import { type NodeProcess, startNode } from './fault-node';

export const BODY = '<p>A fault-tier message, long enough to send.</p>';
/** `npm run test:faults` runs the same scenarios at FAULT_SCALE=4: four times the traffic before a kill. */
export const SCALE = Number(process.env.FAULT_SCALE ?? 1);

/** Starts a node that is killed (if still running) when the test file ends. */
export function nodeStarter(): (env: Record<string, string>) => Promise<NodeProcess> {
  const nodes: NodeProcess[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill9()));
  });
  return async (env) => {
    const node = await startNode(env);
    nodes.push(node);
    return node;
  };
}

/** Reads the node's SQLite file from this (separate) process. */
export function query<T>(dataDir: string, sql: string): T[] {
  const db = new SqliteDatabase(join(dataDir, 'confide.db'));
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Uploads one file as the web app does. */
export function upload(client: TestClient, bytes: Buffer) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)]), 'intake.pdf');
  return client.post('/api/attachments', body);
}

/** Sends messages from each sender in turn to each recipient until stopped or the node is gone. */
export function sendLoop(
  senders: TestClient[],
  to: string[],
  acknowledged: { sender: TestClient; threadId: string }[],
) {
  let stopped = false;
  const loops = senders.map(async (sender, i) => {
    for (let n = i; !stopped; n += 1) {
      const res = await sender
        .post<{ thread: { id: string } }>('/api/threads', {
          to: [{ userId: to[n % to.length] }],
          subject: 'Fault',
          body: BODY,
        })
        .catch(() => null);
      if (!res) return;
      if (res.status === 201) acknowledged.push({ sender, threadId: res.body.thread.id });
    }
  });
  return async () => {
    stopped = true;
    await Promise.all(loops);
  };
}
