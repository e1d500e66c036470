import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_MS, runCli } from '../test/cli';
import { emailOf, standardPractice, uniqueSlug } from '../test/fixtures';
import { createTestDatabase, startTestServer, testDb, type TestServer } from '../test/harness';
import { waitFor } from '../test/smtp';
import { readMailbox } from './email/mailbox';

describe(`the command line's standard output is its result alone (${testDb})`, () => {
  let tmp: string;
  let server: TestServer | undefined;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'confide-cli-out-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it(
    '§4: on a fresh DATA_DIR, `confide seed --file` prints only its JSON; the master-key notice is a plain line on stderr',
    async () => {
      const dataDir = join(tmp, 'fresh');
      const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'info' };
      if (testDb === 'postgres') env.DATABASE_URL = await createTestDatabase();
      const file = join(tmp, 'practice.json');
      writeFileSync(file, JSON.stringify(standardPractice(uniqueSlug('cli-out'))));
      const res = await runCli(['seed', '--file', file], env);
      expect(res.code, res.stderr).toBe(0);
      const out = JSON.parse(res.stdout) as { practiceId: string; ids: Record<string, string> };
      expect(Object.keys(out).sort()).toEqual(['ids', 'practiceId']);
      expect(res.stderr).toContain(`confide: Created a new master key at ${join(dataDir, 'master.key')}`);
      // Readable, not a JSON log line.
      for (const line of res.stderr.split('\n').filter((l) => l.includes('master key')))
        expect(line).not.toMatch(/^\{/);
      // The second run creates nothing, so it says nothing about the key.
      const again = await runCli(['audit', 'verify'], env);
      expect(again.stderr).not.toContain('master key');
    },
    CLI_TEST_MS,
  );

  it(
    'R21/§4: `confide mail [--to]` prints the local mailbox as JSON for the operator, every practice included',
    async () => {
      const dataDir = join(tmp, 'mail');
      server = await startTestServer({ DATA_DIR: dataDir });
      const slug = uniqueSlug('cli-mail');
      const other = uniqueSlug('cli-mail-other');
      const { practiceId } = await server.seed(standardPractice(slug));
      await server.seed(standardPractice(other));
      for (const [s, key] of [
        [slug, 'fo'],
        [other, 'admin'],
      ] as const) {
        expect(
          (await server.client().post('/api/auth/password-reset', { practice: s, email: emailOf(s, key) })).status,
        ).toBe(202);
      }
      await waitFor('both reset emails', async () => (await readMailbox(dataDir)).length === 2);

      const one = await runCli(['mail', '--to', emailOf(slug, 'FO')], { DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      expect(one.code, one.stderr).toBe(0);
      const { emails } = JSON.parse(one.stdout) as { emails: { practiceId: string; to: string; text: string }[] };
      expect(emails).toHaveLength(1);
      expect(emails[0]).toMatchObject({ practiceId, to: emailOf(slug, 'fo') });
      expect(emails[0]!.text).toContain(`/p/${slug}/reset-password`);
      const all = await runCli(['mail'], { DATA_DIR: dataDir });
      expect((JSON.parse(all.stdout) as { emails: { to: string }[] }).emails.map((e) => e.to).sort()).toEqual(
        [emailOf(slug, 'fo'), emailOf(other, 'admin')].sort(),
      );
    },
    CLI_TEST_MS,
  );
});
