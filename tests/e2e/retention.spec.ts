import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiAs, expectNoSeriousA11yViolations, files, PASSWORD, screenshot, signIn } from './support/helpers';

test.describe.configure({ timeout: 240_000 });

const root = resolve(import.meta.dirname, '../..');
const slug = `keep-${Date.now().toString(36).slice(-6)}`;
const email = (key: string) => `${key}@${slug}.example`;

function dataDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error('E2E_DATA_DIR is not set: run through the Playwright config');
  return dir;
}

/**
 * Retention is practice-wide, so this spec seeds a practice of its own (`confide seed` on the
 * server's DATA_DIR, as the global set-up does) and no other spec meets its settings.
 */
function seedOwnPractice(): Record<string, string> {
  const file = join(dataDir(), `${slug}.json`);
  const staff = (key: string, name: string, role: string, admin = false) => ({
    key,
    name,
    email: email(key),
    password: PASSWORD,
    role,
    admin,
  });
  writeFileSync(
    file,
    JSON.stringify({
      practice: { slug, name: 'Cedar Retention Clinic', settings: { requireStaffMfa: false } },
      staff: [staff('admin', 'Rowan Admin', 'front_office', true), staff('p1', 'Dr. Iris Vale', 'provider')],
      clients: [
        {
          key: 'c1',
          name: 'Quinn Harper',
          email: email('c1'),
          password: PASSWORD,
          status: 'active',
          portal: true,
          providers: [{ key: 'p1', status: 'current' }],
        },
      ],
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir(), NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, [join(root, 'packages/server/bin/confide.js'), 'seed', '--file', file], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`seeding ${slug} failed: ${result.stderr}`);
  const line = result.stdout.trim().split('\n').pop() ?? '{}';
  return (JSON.parse(line) as { ids: Record<string, string> }).ids;
}

/**
 * The server runs on real time, so a thread written now is new. Its last activity is moved back
 * to 2017 in the server's SQLite file (WAL: another process may write while it runs), as if it
 * had been quiet since.
 */
function backdate(threadIds: string[]) {
  const db = new Database(join(dataDir(), 'confide.db'));
  try {
    db.pragma('busy_timeout = 10000');
    const placeholders = threadIds.map(() => '?').join(',');
    db.prepare(`UPDATE threads SET last_message_at = ? WHERE id IN (${placeholders})`).run(
      '2017-05-04T14:30:00.000Z',
      ...threadIds,
    );
    db.prepare(`UPDATE threads SET last_message_at = ? WHERE id = ?`).run('2018-09-21T16:00:00.000Z', threadIds[0]);
  } finally {
    db.close();
  }
}

async function sendToClient(page: Page, clientId: string, subject: string, withFile: boolean) {
  let attachmentIds: string[] | undefined;
  if (withFile) {
    const { csrfToken } = (await (await page.request.get('/api/me')).json()) as { csrfToken: string };
    const upload = await page.request.post('/api/attachments', {
      headers: { 'X-CSRF-Token': csrfToken },
      multipart: { file: files.pdf() },
    });
    expect(upload.status()).toBe(201);
    attachmentIds = ((await upload.json()) as { attachments: { id: string }[] }).attachments.map((a) => a.id);
  }
  const sent = await apiAs<{ thread: { id: string } }>(page, 'POST', '/api/threads', {
    to: [{ userId: clientId }],
    subject,
    body: '<p>Notes from our session, kept for the record.</p>',
    ...(attachmentIds ? { attachmentIds } : {}),
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return sent.body.thread.id;
}

/** The value a fact of the retention card shows. */
const fact = (page: Page, term: string) => page.locator('.retention-facts dt', { hasText: term }).locator('+ dd');

test('R51: the admin sets a retention period and sees what the next run will remove before it runs', async ({
  page,
}) => {
  const ids = seedOwnPractice();
  await signIn(page, slug, email('p1'));
  const oldWithFile = await sendToClient(page, ids.c1!, 'Intake paperwork', true);
  const oldPlain = await sendToClient(page, ids.c1!, 'Scheduling', false);
  await sendToClient(page, ids.c1!, 'This week', false);
  backdate([oldWithFile, oldPlain]);
  await page.context().clearCookies();

  await signIn(page, slug, email('admin'));
  await page.goto(`/p/${slug}/admin/retention`);
  await expect(page.getByRole('heading', { name: 'Retention' })).toBeVisible();
  await expect(page.getByText('Messages are kept for ever.')).toBeVisible();
  await expect(page.getByText('The next run removes nothing.')).toBeVisible();

  await page.getByRole('link', { name: 'Practice settings' }).first().click();
  await page.getByLabel('Keep messages').selectOption('years');
  await page.getByLabel('Years to keep messages').fill('6');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'settings with a retention period');

  await page.getByRole('link', { name: 'See what the next run removes' }).click();
  await expect(page.getByText(/Messages are kept for\s+6 years/)).toBeVisible();
  await expect(fact(page, 'Conversations')).toHaveText('2');
  await expect(fact(page, 'Messages')).toHaveText('2');
  await expect(fact(page, 'Files')).toHaveText('1');
  await expect(fact(page, 'Last active')).toContainText('2017');
  await expect(fact(page, 'Last active')).toContainText('2018');
  await expect(fact(page, 'Runs')).not.toBeEmpty();
  await expect(page.getByText('The next run destroys 2 conversations for everyone')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'retention preview');
  // The "Settings saved." toast is gone after a reload; the screenshots show the screen alone.
  await page.reload();
  await expect(fact(page, 'Conversations')).toHaveText('2');
  await screenshot(page, 'admin-retention');
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(fact(page, 'Conversations')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'retention preview at 360 px');
  await screenshot(page, 'admin-retention-360');
});
