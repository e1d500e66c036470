import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_MS, runCli } from '../test/cli';
import { startTestServer, testDb, type TestServer } from '../test/harness';
import { filesBelow, filesContaining } from '../test/scan';
import { uniqueSlug } from '../test/fixtures';

const TOTP_SECRET = 'KRUGS4ZANFZSAYJAONSWG4TFOQQQ';
const PASSWORD = 'amber-canyon-violet-19';

describe(`confide command line (${testDb})`, { timeout: CLI_TEST_MS }, () => {
  let server: TestServer;
  let env: Record<string, string>;
  let tmp: string;

  beforeAll(async () => {
    server = await startTestServer();
    env = { DATA_DIR: server.dataDir, ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}) };
    tmp = mkdtempSync(join(tmpdir(), 'confide-cli-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const fixtureFile = (fixture: unknown) => {
    const file = join(tmp, `${uniqueSlug('fixture')}.json`);
    writeFileSync(file, JSON.stringify(fixture));
    return file;
  };
  const practiceFixture = (slug: string) => ({
    practice: { slug, name: 'CLI Practice', settings: { requireStaffMfa: false, minBodyLength: 5 } },
    staff: [
      {
        key: 'boss',
        name: 'Boss Person',
        email: `boss@${slug}.example`,
        password: PASSWORD,
        role: 'front_office',
        admin: true,
      },
      {
        key: 'doc',
        name: 'Doc Person',
        email: `doc@${slug}.example`,
        password: PASSWORD,
        role: 'provider',
        totpSecret: TOTP_SECRET,
      },
    ],
    clients: [
      {
        key: 'kim',
        name: 'Kim Client',
        email: `kim@${slug}.example`,
        password: PASSWORD,
        status: 'active',
        portal: true,
        providers: [{ key: 'doc', status: 'current' }],
      },
      { key: 'lee', name: 'Lee Client', email: `lee@${slug}.example`, status: 'inactive', portal: false },
    ],
  });
  const counts = async () => ({
    practices: (await server.db.selectFrom('practices').select('id').execute()).length,
    users: (await server.db.selectFrom('users').select('id').execute()).length,
  });

  it('§4: `confide seed --file` prints {"practiceId","ids"} with every key, and the people can sign in', async () => {
    const slug = uniqueSlug('cli');
    const res = await runCli(['seed', '--file', fixtureFile(practiceFixture(slug))], env);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as { practiceId: string; ids: Record<string, string> };
    expect(Object.keys(out).sort()).toEqual(['ids', 'practiceId']);
    expect(Object.keys(out.ids).sort()).toEqual(['boss', 'doc', 'kim', 'lee']);
    const practice = await server.db.selectFrom('practices').selectAll().where('slug', '=', slug).executeTakeFirst();
    expect(practice?.id).toBe(out.practiceId);
    expect(JSON.parse(practice!.settings)).toMatchObject({ minBodyLength: 5, requireStaffMfa: false });
    const kim = await server.client().login(slug, `kim@${slug}.example`, PASSWORD);
    expect((await kim.get('/api/me')).body.user).toMatchObject({ id: out.ids.kim, name: 'Kim Client' });
    const boss = await server.client().login(slug, `boss@${slug}.example`, PASSWORD);
    const clients = (await boss.get('/api/admin/clients')).body.clients;
    expect(clients.find((c: { id: string }) => c.id === out.ids.kim).careTeam).toEqual([
      { id: out.ids.doc, name: 'Doc Person', role: 'provider', status: 'current' },
    ]);
    expect(clients.find((c: { id: string }) => c.id === out.ids.lee)).toMatchObject({
      status: 'inactive',
      portal: false,
    });
  });

  it('R28 R31: seeded from a fixture, a staff member signs in with TOTP, and the database holds no plaintext client name', async () => {
    const slug = uniqueSlug('clitotp');
    const fixture = practiceFixture(slug);
    fixture.clients[0]!.name = 'Quillon Canaryfield';
    expect((await runCli(['seed', '--file', fixtureFile(fixture)], env)).code).toBe(0);
    const email = `doc@${slug}.example`;
    const none = await server.client().post('/api/auth/login', { practice: slug, email, password: PASSWORD });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('mfa_required');
    const doc = await server.client().login(slug, email, PASSWORD, await generate({ secret: TOTP_SECRET }));
    expect((await doc.get('/api/me')).body.user.mfaEnabled).toBe(true);
    const kim = await server.client().login(slug, `kim@${slug}.example`, PASSWORD);
    expect((await kim.get('/api/me')).body.user.name).toBe('Quillon Canaryfield');

    if (testDb === 'sqlite') {
      // The database file and its write-ahead log, byte for byte.
      const files = filesBelow(server.dataDir).filter((f) => f.includes('confide.db'));
      expect(files.length).toBeGreaterThan(0);
      expect(filesContaining(files, 'Canaryfield')).toEqual([]);
      expect(filesContaining(files, `kim@${slug}.example`)).toEqual([]);
    } else {
      // Every row of every table, as PostgreSQL renders it.
      const client = new pg.Client({ connectionString: server.databaseUrl! });
      await client.connect();
      try {
        const tables = await client.query<{ tablename: string }>(
          `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
        );
        for (const { tablename } of tables.rows) {
          const { rows } = await client.query<{ dump: string | null }>(
            `SELECT string_agg(t::text, ' ') AS dump FROM "${tablename}" t`,
          );
          expect(rows[0]?.dump ?? '', tablename).not.toContain('Canaryfield');
          expect(rows[0]?.dump ?? '', tablename).not.toContain(`kim@${slug}.example`);
        }
      } finally {
        await client.end();
      }
    }
  });

  it('§4: seeding a slug that exists fails with a clear message and changes nothing', async () => {
    const slug = uniqueSlug('clidup');
    expect((await runCli(['seed', '--file', fixtureFile(practiceFixture(slug))], env)).code).toBe(0);
    const before = await counts();
    const again = practiceFixture(slug);
    again.practice.name = 'Another Name';
    again.staff[0]!.email = `other-boss@${slug}.example`;
    const res = await runCli(['seed', '--file', fixtureFile(again)], env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(`"${slug}" already exists`);
    expect(res.stdout).toBe('');
    expect(await counts()).toEqual(before);
    const practice = await server.db.selectFrom('practices').selectAll().where('slug', '=', slug).executeTakeFirst();
    expect(practice?.name).toBe('CLI Practice');
  });

  it('§4: a fixture that is not valid is refused with the path of the problem, and nothing is created', async () => {
    const before = await counts();
    const bad = practiceFixture(uniqueSlug('clibad'));
    bad.staff[1]!.role = 'surgeon';
    const res = await runCli(['seed', '--file', fixtureFile(bad)], env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('staff.1.role');
    const unknownProvider = practiceFixture(uniqueSlug('clibad'));
    unknownProvider.clients[0]!.providers = [{ key: 'boss', status: 'current' }];
    const res2 = await runCli(['seed', '--file', fixtureFile(unknownProvider)], env);
    expect(res2.code).not.toBe(0);
    expect(res2.stderr).toMatch(/not a provider/);
    expect(await counts()).toEqual(before);
    expect((await runCli(['seed'], env)).code).not.toBe(0);
  });

  it('§4: `confide demo` runs twice: it creates the demo once, then reuses it; both print the sign-ins', async () => {
    const first = await runCli(['demo'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Created the demo practice/);
    const second = await runCli(['demo'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^Using the demo practice/);
    for (const out of [first.stdout, second.stdout]) expect(out).toContain('dana@riverside.example');
    const demos = await server.db.selectFrom('practices').select('id').where('slug', '=', 'demo').execute();
    expect(demos).toHaveLength(1);
    const verify = await runCli(['audit', 'verify'], env);
    expect(verify.code, verify.stdout).toBe(0);
  });

  // These two never reach a database; once (on SQLite) is enough.
  it.skipIf(testDb === 'postgres')(
    '§4: bad configuration exits non-zero with a message naming the variable',
    async () => {
      const dataDir = join(tmp, 'bad-config');
      for (const [name, value] of [
        ['PORT', 'abc'],
        ['DATABASE_URL', 'mysql://x'],
        ['BLOB_STORE', 'ftp://files'],
        ['MASTER_KEY', 'too-short'],
      ] as const) {
        const res = await runCli(['migrate'], { DATA_DIR: dataDir, [name]: value });
        expect(res.code, name).not.toBe(0);
        expect(res.stderr, name).toContain(name);
        expect(res.stderr, name).not.toMatch(/\n\s+at /);
      }
    },
  );

  it.skipIf(testDb === 'postgres')('§4: an unknown command exits non-zero with the usage', async () => {
    const res = await runCli(['frobnicate'], env);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('unknown command');
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('confide seed --file practice.json');
  });
});
