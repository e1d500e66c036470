import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/client';
import { nodeEnv, seedNode } from '../../test/fault-node';
import { emailOf, PASSWORD } from '../../test/fixtures';
import { samplePdf } from '../modules/attachments/test-samples';
import { BODY, nodeStarter, query, upload } from '../../test/faults';
import { report } from './report';

const mounts: string[] = [];
afterAll(() => {
  for (const dir of mounts) spawnSync('umount', ['-l', dir]);
});

describe('R54 a full disk (SQLite and files on a small tmpfs)', () => {
  const start = nodeStarter();

  const isRoot = process.getuid?.() === 0;
  if (!isRoot) process.stdout.write('[fault] disk full: skipped, mounting a small tmpfs needs root\n');
  it.runIf(isRoot)(
    'R54: a full disk answers 507 storage_full to writes while reads keep working, and recovers by itself',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'confide-full-'));
      const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', dataDir], { encoding: 'utf8' });
      if (mount.status !== 0) {
        process.stdout.write(`[fault] disk full: skipped, cannot mount a tmpfs: ${mount.stderr.trim()}\n`);
        return;
      }
      mounts.push(dataDir);
      const env = nodeEnv({ dataDir });
      const { slug, ids } = await seedNode(env);
      const node = await start(env);
      const client = await new TestClient(node.url).login(slug, emailOf(slug, 'p1'), PASSWORD);
      expect((await upload(client, samplePdf())).status).toBe(201);

      const filler = join(dataDir, 'filler');
      const fd = openSync(filler, 'w');
      try {
        const chunk = Buffer.alloc(256 * 1024, 1);
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      const writes = [];
      for (let i = 0; i < 5; i += 1) {
        writes.push(await upload(client, samplePdf(`full ${i}`)));
        writes.push(await client.post('/api/threads', { to: [{ userId: ids.c1 }], subject: 'Full', body: BODY }));
      }
      const reads = [];
      for (let i = 0; i < 10; i += 1) {
        reads.push(await client.get('/api/me'));
        reads.push(await client.get('/api/threads?folder=sent'));
      }
      rmSync(filler);
      const freedAt = Date.now();
      const recovered = await upload(client, samplePdf('after'));
      const sendAfter = await client.post('/api/threads', { to: [{ userId: ids.c1 }], subject: 'Room', body: BODY });
      const recoverMs = Date.now() - freedAt;
      expect((await node.terminate()).code).toBe(0);
      const [integrity] = query<{ integrity_check: string }>(dataDir, 'PRAGMA integrity_check');
      const statuses = (list: { status: number }[]) => [...new Set(list.map((r) => r.status))].join('/');
      report('disk full (SQLite and files on a 40 MiB tmpfs)', {
        acknowledged: null,
        present: null,
        lost: 0,
        duplicated: 0,
        recoverMs,
        extra: `writes ${statuses(writes)}, reads ${statuses(reads)}, integrity ${integrity?.integrity_check}`,
      });
      // Uploads cannot fit; a send may still fit in the database's reserved pages, or answers 507.
      expect(writes.filter((w, i) => i % 2 === 0).every((w) => w.status === 507)).toBe(true);
      for (const write of writes.filter((w) => w.status !== 201)) {
        expect(write).toMatchObject({ status: 507, body: { error: { code: 'storage_full' } } });
      }
      expect(reads.every((r) => r.status === 200)).toBe(true);
      expect(recovered.status).toBe(201);
      expect(sendAfter.status).toBe(201);
      expect(integrity?.integrity_check).toBe('ok');
    },
  );
});
