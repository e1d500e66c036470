import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiAs, expectNoSeriousA11yViolations, PASSWORD, screenshot, signIn } from './support/helpers';

test.describe.configure({ timeout: 240_000 });

const root = resolve(import.meta.dirname, '../..');
const slug = `calm-${Date.now().toString(36).slice(-6)}`;
const adminEmail = `admin@${slug}.example`;
const BAD_MINUTES = 'Enter a whole number of minutes from 0 to 1440 (one day).';

/**
 * Notification timing is practice-wide, so this spec seeds a practice of its own (`confide seed`
 * on the server's DATA_DIR, as the global set-up does), with a delay in the fixture's settings.
 */
function seedOwnPractice(): void {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run through the Playwright config');
  const file = join(dataDir, `${slug}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      practice: {
        slug,
        name: 'Birch Hollow Counseling',
        settings: { requireStaffMfa: false, notificationDelayMinutes: 10 },
      },
      staff: [
        { key: 'admin', name: 'Lena Ortiz', email: adminEmail, password: PASSWORD, role: 'front_office', admin: true },
      ],
      clients: [],
    }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, [join(root, 'packages/server/bin/confide.js'), 'seed', '--file', file], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`seeding ${slug} failed: ${result.stderr}`);
}

const storedTiming = async (page: Page) => {
  const { body } = await apiAs<{ settings: Record<string, unknown> }>(page, 'GET', '/api/admin/settings');
  return { delay: body.settings.notificationDelayMinutes, digest: body.settings.notificationDigestMinutes };
};

test('R48: the admin sets how long new-message emails wait and how often they go; bad minutes are explained and not saved', async ({
  page,
}) => {
  seedOwnPractice();
  await signIn(page, slug, adminEmail);
  await page.goto(`/p/${slug}/admin/settings`);
  const group = page.getByRole('group', { name: 'New-message emails' });
  const delay = group.getByLabel('Wait before emailing (minutes)');
  const digest = group.getByLabel('Email each person at most once every (minutes)');
  // The seed fixture's settings are what the page shows; the digest has its default.
  await expect(delay).toHaveValue('10');
  await expect(digest).toHaveValue('0');
  await expect(group).toContainText('Alerts about a possible crisis, reminders and overdue messages never wait.');

  // A negative and an absurd number: explained at the field, refused, nothing saved (R34).
  for (const bad of ['-5', '100000']) {
    await digest.fill(bad);
    await expect(digest).toHaveAttribute('aria-invalid', 'true');
    await expect(group.getByText(BAD_MINUTES)).toBeVisible();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toHaveCount(0);
    expect(await storedTiming(page)).toEqual({ delay: 10, digest: 0 });
  }
  await expectNoSeriousA11yViolations(page, 'settings with a bad number of minutes');

  await delay.fill('15');
  await digest.fill('30');
  await expect(group.getByText(BAD_MINUTES)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  expect(await storedTiming(page)).toEqual({ delay: 15, digest: 30 });

  await page.reload();
  await expect(delay).toHaveValue('15');
  await expect(digest).toHaveValue('30');
  await expectNoSeriousA11yViolations(page, 'settings saved');
  // From the top, so the sticky header stays at the top of the full-page image.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'calm-notifications-settings-1280');

  await page.setViewportSize({ width: 360, height: 800 });
  await expect(digest).toBeVisible();
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  await digest.fill('-1');
  await expect(group.getByText(BAD_MINUTES)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'settings at 360 px');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'calm-notifications-settings-360');
});
