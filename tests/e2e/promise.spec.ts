import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { apiAs, newClient, openMessages, screenshotBoth, signInClient } from './portal-helpers';
import { expectNoSeriousA11yViolations, newSignedInPage, screenshot, seeded, uniqueSubject } from './support/helpers';

test.describe.configure({ timeout: 240_000 });

const PROMISE = /^Expect a reply by (Mon|Tue|Wed|Thu|Fri|Sat|Sun), /;

/**
 * The server under test runs on real time, so a promise made now is days away. To see an
 * escalation, the stored reply-by time and the due time of the thread's jobs are moved to a minute
 * ago, directly in the server's SQLite file (WAL: another process may write while it runs); the
 * server's own worker then escalates the thread at its next round (every 30 s).
 */
function movePromiseToThePast(threadId: string) {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run through the Playwright config');
  const db = new Database(join(dataDir, 'confide.db'));
  try {
    db.pragma('busy_timeout = 10000');
    const past = new Date(Date.now() - 60_000).toISOString();
    db.prepare('UPDATE messages SET expected_reply_by = ? WHERE thread_id = ? AND expected_reply_by IS NOT NULL').run(
      past,
      threadId,
    );
    db.prepare("UPDATE safety_jobs SET due_at = ? WHERE thread_id = ? AND state = 'pending'").run(past, threadId);
  } finally {
    db.close();
  }
}

async function writeToProvider(page: Page, provider: string, text: string) {
  await page.getByRole('button', { name: 'Compose message' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Select provider').selectOption({ label: `${provider} — Provider` });
  await dialog.getByRole('button', { name: 'Next' }).click();
  const composer = page.getByRole('form', { name: 'Write a message' });
  await composer.getByLabel(`Message to ${provider}`).fill(text);
  await composer.getByRole('button', { name: 'Send' }).click();
}

test('R39: the client sees when to expect a reply under their message, in the chat and the mail view; staff see it on the thread', async ({
  page,
  browser,
}) => {
  const client = await newClient([{ key: 'p2', status: 'current' }], { name: 'Promise Client' });
  await signInClient(page, client.email);
  await openMessages(page);
  await writeToProvider(page, 'Dr. Sam Ortiz', 'Could we talk about my homework next time?');
  const mine = page.locator('.portal-bubble-row.is-mine').last();
  await expect(mine).toContainText('Sent');
  await expect(mine.getByText(PROMISE)).toBeVisible();
  await expect(page.getByRole('complementary', { name: /urgent help/ })).toContainText('typically reply within');
  await expectNoSeriousA11yViolations(page, 'chat with a promise');
  await screenshotBoth(page, 'reply-by');

  await page.getByRole('button', { name: 'Mail view' }).click();
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Sent' }).click();
  await page.getByRole('link', { name: /Message from the client portal/ }).click();
  await expect(page.locator('.portal-bubble-row.is-mine').last().getByText(PROMISE)).toBeVisible();
  await screenshotBoth(page, 'reply-by-mail');
  await page.getByRole('button', { name: 'Chat view' }).click();

  const staff = await newSignedInPage(browser, 'p2');
  await staff.page
    .getByRole('link', { name: /Promise Client/ })
    .first()
    .click();
  await expect(staff.page.getByText(/^Reply expected by (Mon|Tue|Wed|Thu|Fri|Sat|Sun), /)).toBeVisible();
  await staff.context.close();
});

test('R41: an overdue message appears in the front office\'s Overdue folder until someone marks it "No reply needed"', async ({
  browser,
}) => {
  const client = await newClient([{ key: 'p2', status: 'current' }], { name: 'Overdue Client' });
  const subject = uniqueSubject('Overdue question');
  const asClient = await apiAs('overdue-client', client.email);
  const sent = await asClient.post('/api/threads', {
    to: [{ userId: seeded().riverside.ids.p2 }],
    subject,
    body: '<p>Is there a waiting list for the group?</p>',
  });
  expect(sent.status).toBe(201);
  movePromiseToThePast(sent.body.thread.id as string);

  const { context, page } = await newSignedInPage(browser, 'fo');
  const folders = page.getByRole('navigation', { name: 'Folders' });
  await folders.getByRole('link', { name: 'Overdue' }).click();
  await expect(page.getByRole('heading', { name: 'Overdue', level: 1 })).toBeVisible();
  // The worker's next round escalates it; the live event refreshes the folder.
  const row = page.getByRole('listitem').filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 120_000 });
  await expect(row.getByText('Overdue', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'overdue folder');
  await screenshot(page, 'staff-overdue-folder-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'staff-overdue-folder-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  await row.getByRole('link').click();
  const banner = page.getByRole('status').filter({ hasText: 'Overdue.' });
  await expect(banner).toBeVisible();
  await expect(page.getByText(/^Reply was expected by /)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'overdue thread');
  await screenshot(page, 'staff-overdue-thread-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'staff-overdue-thread-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await banner.getByRole('button', { name: 'No reply needed' }).click();
  await expect(banner).toHaveCount(0);
  await page.goto(page.url().replace(/\/threads\/.*$/, '/mail/overdue'));
  await expect(page.getByRole('heading', { name: 'Overdue', level: 1 })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: subject })).toHaveCount(0);
  await context.close();
});
