import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_MS, runCli } from '../../test/cli';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { transact } from '../db/transact';
import { newId, nowIso } from '../ids';
import { recordAudit } from './audit';
import { linkAuditEvents } from './chainer';
import { checkpointFile, checkpointKey } from './checkpoints';
import { verifyAuditChains as verifyWith } from './verify';

describe(`audit chain (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let cliEnv: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('audit'));
    slug = fixture.practice.slug;
    ({ practiceId } = await server.seed(fixture));
    await server.seed(standardPractice(uniqueSlug('other')));
    // Some history: sign-ins good and bad, an admin change.
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    await server
      .client()
      .post('/api/auth/login', { practice: slug, email: emailOf(slug, 'c1'), password: 'wrong-one-1234' });
    await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    await admin.patch('/api/admin/settings', { minBodyLength: 12 });
    cliEnv = { DATA_DIR: server.dataDir, ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}) };
  });
  afterAll(() => server.close());

  const verifyAuditChains = (db: TestServer['ctx']['db']) =>
    verifyWith(db, {
      key: checkpointKey(server.ctx.keys.master.key),
      files: [checkpointFile(server.ctx.config.dataDir)],
    });
  const rowsOf = () =>
    server.db.selectFrom('audit_events').selectAll().where('practice_id', '=', practiceId).orderBy('seq').execute();
  /** A practice's audit actions in chain order. */
  const actionsOf = async (practice: string) =>
    (
      await server.db
        .selectFrom('audit_events')
        .select('action')
        .where('practice_id', '=', practice)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  it('R32: sign-ins (ok and failed) and admin changes are in the log with ids, never names', async () => {
    const actions = (await rowsOf()).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['practice.seeded', 'auth.login', 'auth.login_failed', 'admin.settings.updated']),
    );
    const dump = JSON.stringify(await rowsOf());
    expect(dump).not.toMatch(/Canary|Staff admin|@/);
  });

  it(
    'R32: an untouched chain verifies, in code and with `confide audit verify` (exit 0)',
    async () => {
      const result = await verifyAuditChains(server.ctx.db);
      expect(result).toMatchObject({ ok: true, problems: [] });
      expect(result.practices).toBeGreaterThanOrEqual(2);
      const cli = await runCli(['audit', 'verify'], cliEnv);
      expect(cli.code, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, problems: [] });
    },
    CLI_TEST_MS,
  );

  it(
    "R32: editing a row's action is detected, also by the CLI (exit 1)",
    async () => {
      const target = (await rowsOf())[2]!;
      await server.db.updateTable('audit_events').set({ action: 'auth.logout' }).where('id', '=', target.id).execute();
      try {
        const result = await verifyAuditChains(server.ctx.db);
        expect(result.ok).toBe(false);
        expect(result.problems).toContainEqual(
          expect.stringContaining(`practice ${practiceId}: event ${target.seq} was altered`),
        );
        const cli = await runCli(['audit', 'verify'], cliEnv);
        expect(cli.code).toBe(1);
        expect(JSON.parse(cli.stdout).ok).toBe(false);
      } finally {
        await server.db
          .updateTable('audit_events')
          .set({ action: target.action })
          .where('id', '=', target.id)
          .execute();
      }
      expect((await verifyAuditChains(server.ctx.db)).ok).toBe(true);
    },
    CLI_TEST_MS,
  );

  it(
    'R32: deleting a row is detected',
    async () => {
      const target = (await rowsOf())[1]!;
      await server.db.deleteFrom('audit_events').where('id', '=', target.id).execute();
      try {
        const result = await verifyAuditChains(server.ctx.db);
        expect(result.ok).toBe(false);
        expect(result.problems).toContainEqual(expect.stringContaining(`event ${target.seq} is missing`));
        expect((await runCli(['audit', 'verify'], cliEnv)).code).toBe(1);
      } finally {
        await server.db.insertInto('audit_events').values(target).execute();
      }
      expect((await verifyAuditChains(server.ctx.db)).ok).toBe(true);
    },
    CLI_TEST_MS,
  );

  it('R32: deleting the newest row is detected by the chain head', async () => {
    const rows = await rowsOf();
    const last = rows[rows.length - 1]!;
    await server.db.deleteFrom('audit_events').where('id', '=', last.id).execute();
    try {
      const result = await verifyAuditChains(server.ctx.db);
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual(expect.stringContaining('the chain ends at event'));
    } finally {
      await server.db.insertInto('audit_events').values(last).execute();
    }
    expect((await verifyAuditChains(server.ctx.db)).ok).toBe(true);
  });

  it(
    "R32: swapping two rows' seq is detected",
    async () => {
      const [, a, b] = await rowsOf();
      const setSeq = (id: string, seq: number) =>
        server.db.updateTable('audit_events').set({ seq }).where('id', '=', id).execute();
      await setSeq(a!.id, -1);
      await setSeq(b!.id, a!.seq);
      await setSeq(a!.id, b!.seq);
      try {
        const result = await verifyAuditChains(server.ctx.db);
        expect(result.ok).toBe(false);
        expect(result.problems.length).toBeGreaterThanOrEqual(2);
        expect((await runCli(['audit', 'verify'], cliEnv)).code).toBe(1);
      } finally {
        await setSeq(a!.id, -1);
        await setSeq(b!.id, b!.seq);
        await setSeq(a!.id, a!.seq);
      }
      expect((await verifyAuditChains(server.ctx.db)).ok).toBe(true);
    },
    CLI_TEST_MS,
  );

  it(
    "R32: `confide audit export --practice` writes that practice's events as CSV, no content",
    async () => {
      const cli = await runCli(['audit', 'export', '--practice', slug], cliEnv);
      expect(cli.code, cli.stderr).toBe(0);
      const lines = cli.stdout.trim().split('\n');
      expect(lines[0]).toBe('seq,at,practice_id,actor_id,action,targets,ip,hash');
      expect(lines).toHaveLength((await rowsOf()).length + 1);
      expect(lines.slice(1).every((line) => line.split(',')[2] === practiceId)).toBe(true);
      expect(cli.stdout).not.toMatch(/Canary|Staff admin|@/);
      const missing = await runCli(['audit', 'export', '--practice', 'no-such-practice'], cliEnv);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('no practice with the slug "no-such-practice"');
    },
    CLI_TEST_MS,
  );
  it('R32: concurrent and rolled-back audit writes leave the chain whole', async () => {
    const { practiceId: own } = await server.seed(standardPractice(uniqueSlug('chain')));
    const write = (action: string, rollBack = false) =>
      server.db.transaction().execute(async (tx) => {
        await recordAudit(tx, { practiceId: own, actorId: null, action });
        if (rollBack) throw new Error('rolled back');
      });
    await expect(write('test.rolled_back', true)).rejects.toThrow('rolled back');
    await Promise.all(Array.from({ length: 8 }, (_, i) => write(`test.concurrent.${i}`)));
    await expect(write('test.rolled_back', true)).rejects.toThrow('rolled back');
    await write('test.after');
    const result = await verifyAuditChains(server.ctx.db);
    expect(result.problems.filter((p) => p.includes(own))).toEqual([]);
    const actions = await actionsOf(own);
    expect(actions).not.toContain('test.rolled_back');
    expect(actions.filter((a) => a.startsWith('test.concurrent.'))).toHaveLength(8);
    expect(actions.at(-1)).toBe('test.after');
  });

  it('R32: events of a request are linked once it commits, before it is answered; one left pending by a crash is pending to verify, then linked', async () => {
    const { practiceId: own } = await server.seed(standardPractice(uniqueSlug('linked')));
    const request = (action: string, rollBack = false) =>
      transact(server.ctx, async (tx) => {
        await recordAudit(tx, { practiceId: own, actorId: null, action });
        if (rollBack) throw new Error('rolled back');
      });
    const atOnce = (action: string) =>
      server.db.transaction().execute((tx) => recordAudit(tx, { practiceId: own, actorId: null, action }));
    await expect(request('test.rolled_back', true)).rejects.toThrow('rolled back');
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => request(`test.request.${i}`)),
      ...Array.from({ length: 3 }, (_, i) => atOnce(`test.at_once.${i}`)),
    ]);
    const pendingOf = async () =>
      Number(
        (
          await server.db
            .selectFrom('audit_pending')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('practice_id', '=', own)
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Every request was answered after its event was linked.
    expect(await pendingOf()).toBe(0);
    const actions = await actionsOf(own);
    expect(actions).not.toContain('test.rolled_back');
    expect(actions.filter((a) => a.startsWith('test.request.'))).toHaveLength(8);
    expect(actions.filter((a) => a.startsWith('test.at_once.'))).toHaveLength(3);

    // A server killed between a commit and its link leaves the event pending: not a break.
    await server.db
      .insertInto('audit_pending')
      .values({
        id: newId(),
        practice_id: own,
        at: nowIso(),
        actor_id: null,
        action: 'test.left',
        targets: '{}',
        ip: null,
      })
      .execute();
    const before = await verifyAuditChains(server.ctx.db);
    expect(before.problems.filter((p) => p.includes(own))).toEqual([]);
    expect(before.pending).toBeGreaterThanOrEqual(1);
    // The chainer (at start, on its timer, or the next request) links it after the head.
    await linkAuditEvents(server.ctx.db);
    expect(await pendingOf()).toBe(0);
    expect((await actionsOf(own)).at(-1)).toBe('test.left');
    const after = await verifyAuditChains(server.ctx.db);
    expect(after.problems.filter((p) => p.includes(own))).toEqual([]);
    const head = after.heads.find((h) => h.practiceId === own);
    expect(head?.seq).toBe((await actionsOf(own)).length);
  });
});
