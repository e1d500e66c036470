import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_MS, runCli } from '../../test/cli';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { newId } from '../ids';
import { chainHash, recordAudit } from './audit';
import { checkpointFile, checkpointKey, startAuditCheckpointer, writeAuditCheckpoints } from './checkpoints';
import { verifyAuditChains } from './verify';

/**
 * The tamper table (R32): a practice with 12 events, checkpointed at events 2 (t0), 6 (t1) and
 * 10 (t2) with an injected clock; each attack below must be caught at its first broken position.
 */
describe(`audit chain tampering against signed checkpoints (${testDb})`, () => {
  let server: TestServer;
  const t = (minute: number) => () => new Date(Date.UTC(2026, 0, 1, 9, minute));

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const db = () => server.db;
  // Each row of the table checkpoints into its own directory (as its own node would), so a file
  // tampered with in one row leaves the others' files whole.
  let caseDir = '';
  const dataDir = () => caseDir || server.ctx.config.dataDir;
  const deps = () => ({ ...server.ctx, config: { ...server.ctx.config, dataDir: dataDir() } });
  const file = () => checkpointFile(dataDir());
  const verify = () => verifyAuditChains(db(), { key: checkpointKey(server.ctx.keys.master.key), files: [file()] });

  async function write(practiceId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await db()
        .transaction()
        .execute((tx) =>
          recordAudit(tx, { practiceId, actorId: null, action: 'test.event', targets: { n: String(i) } }),
        );
    }
  }

  async function checkpoint(practiceId: string, now: () => Date): Promise<void> {
    const head = await db()
      .selectFrom('audit_heads')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .executeTakeFirstOrThrow();
    const written = await writeAuditCheckpoints(deps(), {
      now,
      heads: [{ practiceId, seq: Number(head.seq), hash: head.hash }],
    });
    expect(written).toHaveLength(1);
  }

  /** A fresh practice chain: events 1–12, checkpoints at 2, 6 and 10. */
  async function practiceChain(): Promise<string> {
    const practiceId = newId();
    await write(practiceId, 2);
    await checkpoint(practiceId, t(0));
    await write(practiceId, 4);
    await checkpoint(practiceId, t(5));
    await write(practiceId, 4);
    await checkpoint(practiceId, t(10));
    await write(practiceId, 2);
    return practiceId;
  }

  const rows = (practiceId: string) =>
    db().selectFrom('audit_events').selectAll().where('practice_id', '=', practiceId).orderBy('seq').execute();
  const rowAt = async (practiceId: string, seq: number) => (await rows(practiceId)).find((r) => r.seq === seq)!;
  const deleteFrom = (practiceId: string, fromSeq: number) =>
    db().deleteFrom('audit_events').where('practice_id', '=', practiceId).where('seq', '>=', fromSeq).execute();
  const setHead = (practiceId: string, seq: number, hash: string) =>
    db().updateTable('audit_heads').set({ seq, hash }).where('practice_id', '=', practiceId).execute();

  /** What an attacker with the database but not the master key can do: recompute every hash from `fromSeq`. */
  async function rehashFrom(practiceId: string, fromSeq: number): Promise<void> {
    let prev = fromSeq === 1 ? '0'.repeat(64) : (await rowAt(practiceId, fromSeq - 1)).hash;
    let last = { seq: 0, hash: prev };
    for (const row of (await rows(practiceId)).filter((r) => r.seq >= fromSeq)) {
      const hash = chainHash({ ...row, prev_hash: prev });
      await db().updateTable('audit_events').set({ prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
      last = { seq: row.seq, hash };
    }
    await setHead(practiceId, last.seq, last.hash);
  }

  const attacks: { name: string; firstBroken: number; tamper: (practiceId: string) => Promise<void> }[] = [
    {
      name: 'edit a row',
      firstBroken: 3,
      tamper: async (p) => {
        await db()
          .updateTable('audit_events')
          .set({ action: 'auth.logout' })
          .where('id', '=', (await rowAt(p, 3)).id)
          .execute();
      },
    },
    {
      name: 'delete a row',
      firstBroken: 4,
      tamper: async (p) => {
        await db()
          .deleteFrom('audit_events')
          .where('id', '=', (await rowAt(p, 4)).id)
          .execute();
      },
    },
    {
      name: 'reorder two rows',
      firstBroken: 7,
      tamper: async (p) => {
        const [a, b] = [await rowAt(p, 7), await rowAt(p, 8)];
        const setSeq = (id: string, seq: number) =>
          db().updateTable('audit_events').set({ seq }).where('id', '=', id).execute();
        await setSeq(a.id, -1);
        await setSeq(b.id, 7);
        await setSeq(a.id, 8);
      },
    },
    {
      name: 'truncate the tail (head left alone)',
      firstBroken: 9,
      tamper: (p) => deleteFrom(p, 9).then(() => undefined),
    },
    {
      name: 'edit a row, then rewrite and rehash everything after it',
      firstBroken: 3,
      tamper: async (p) => {
        await db()
          .updateTable('audit_events')
          .set({ action: 'auth.logout' })
          .where('id', '=', (await rowAt(p, 3)).id)
          .execute();
        await rehashFrom(p, 3);
      },
    },
    {
      name: 'roll the head back (cut the tail and move the head to match)',
      firstBroken: 8,
      tamper: async (p) => {
        const keep = await rowAt(p, 7);
        await deleteFrom(p, 8);
        await setHead(p, 7, keep.hash);
      },
    },
    {
      name: 'forge a checkpoint (signature without the master key)',
      firstBroken: 10,
      tamper: async (p) => {
        await db()
          .updateTable('audit_checkpoints')
          .set({ sig: 'ab'.repeat(32) })
          .where('practice_id', '=', p)
          .where('seq', '=', 10)
          .execute();
      },
    },
    {
      name: 'delete an entry of the checkpoint file',
      firstBroken: 6,
      tamper: async (p) => {
        const lines = readFileSync(file(), 'utf8').split('\n');
        writeFileSync(file(), lines.filter((line) => !(line.includes(p) && line.includes('"seq":6,'))).join('\n'));
      },
    },
    {
      name: 'roll the head back and delete the database checkpoints too (the file still has them)',
      firstBroken: 2,
      tamper: async (p) => {
        const keep = await rowAt(p, 7);
        await deleteFrom(p, 8);
        await setHead(p, 7, keep.hash);
        await db().deleteFrom('audit_checkpoints').where('practice_id', '=', p).execute();
      },
    },
  ];

  it('R32: an untouched chain verifies against its checkpoints', async () => {
    const practiceId = await practiceChain();
    const result = await verify();
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checkpoints).toBeGreaterThanOrEqual(6);
    expect(result.heads).toContainEqual(expect.objectContaining({ practiceId, seq: 12 }));
  });

  for (const attack of attacks) {
    it(`R32 tamper table: ${attack.name} — detected, first broken at event ${attack.firstBroken}`, async () => {
      caseDir = mkdtempSync(join(tmpdir(), 'confide-tamper-'));
      const practiceId = await practiceChain();
      try {
        expect((await verify()).firstBroken.filter((b) => b.practiceId === practiceId)).toEqual([]);
        await attack.tamper(practiceId);
        const result = await verify();
        expect(result.ok).toBe(false);
        const mine = result.firstBroken.filter((b) => b.practiceId === practiceId);
        expect(mine, JSON.stringify(result.problems)).toHaveLength(1);
        expect(mine[0]!.seq, mine[0]!.problem).toBe(attack.firstBroken);
      } finally {
        caseDir = '';
        // Leave no broken chain behind for the next row of the table.
        await db().deleteFrom('audit_events').where('practice_id', '=', practiceId).execute();
        await db().deleteFrom('audit_heads').where('practice_id', '=', practiceId).execute();
        await db().deleteFrom('audit_checkpoints').where('practice_id', '=', practiceId).execute();
      }
    });
  }

  it(
    'R32: `confide audit verify` exits 1 on a rewritten chain, names the first broken event, and 0 when whole',
    async () => {
      const env = {
        DATA_DIR: server.dataDir,
        ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}),
      };
      const practiceId = await practiceChain();
      const clean = await runCli(['audit', 'verify'], env);
      expect(clean.code, clean.stderr + clean.stdout).toBe(0);
      await db()
        .updateTable('audit_events')
        .set({ action: 'auth.logout' })
        .where('id', '=', (await rowAt(practiceId, 5)).id)
        .execute();
      await rehashFrom(practiceId, 5);
      const cli = await runCli(['audit', 'verify', '--checkpoints', file()], env);
      expect(cli.code).toBe(1);
      const report = JSON.parse(cli.stdout) as { ok: boolean; firstBroken: { practiceId: string; seq: number }[] };
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toContainEqual(expect.objectContaining({ practiceId, seq: 3 }));
      await db().deleteFrom('audit_events').where('practice_id', '=', practiceId).execute();
      await db().deleteFrom('audit_heads').where('practice_id', '=', practiceId).execute();
      await db().deleteFrom('audit_checkpoints').where('practice_id', '=', practiceId).execute();
    },
    CLI_TEST_MS,
  );

  it('R32: checkpoints go to the database, a 0600 file and the log (ids and hashes only), once per head move', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'info', base: undefined },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const deps = { ...server.ctx, log };
    const practiceId = newId();
    await write(practiceId, 3);
    const first = await writeAuditCheckpoints(deps, { now: t(30) });
    expect(first).toContainEqual(expect.objectContaining({ practiceId, seq: 3, at: '2026-01-01T09:30:00.000Z' }));
    // Nothing moved: nothing is written again.
    expect(await writeAuditCheckpoints(deps, { now: t(35) })).toEqual([]);
    await write(practiceId, 1);
    const stopper = startAuditCheckpointer(deps, { everyMs: 3_600_000, now: t(40) });
    await stopper.stop();
    const stored = await db()
      .selectFrom('audit_checkpoints')
      .select(['seq', 'at'])
      .where('practice_id', '=', practiceId)
      .orderBy('seq')
      .execute();
    expect(stored.map((r) => [Number(r.seq), r.at])).toEqual([
      [3, '2026-01-01T09:30:00.000Z'],
      [4, '2026-01-01T09:40:00.000Z'],
    ]);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(readFileSync(file(), 'utf8')).toContain(`"practiceId":"${practiceId}","seq":4`);
    const logged = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.practiceId === practiceId);
    expect(logged).toHaveLength(2);
    for (const entry of logged) {
      expect(Object.keys(entry).sort()).toEqual(['hash', 'level', 'msg', 'practiceId', 'seq', 'time']);
    }
  });
});
