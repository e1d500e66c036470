import { expect, test } from '@playwright/test';
import { apiAs, newClient } from './portal-helpers';
import {
  apiAs as apiFromPage,
  expectNoSeriousA11yViolations,
  files,
  newSignedInPage,
  screenshot,
  seeded,
  SLUG,
} from './support/helpers';

// Issue 17, the staff side of what a new user tripped over. Each test makes its own client
// (newClient), so the specs sharing Riverside never see each other's threads.

const ids = () => seeded().riverside.ids;

/** A client named with credentials who writes two threads to Dr. Lena Park (p3). */
async function clientWritingToP3(name: string, subjects: string[]) {
  const client = await newClient([{ key: 'p3', status: 'current' }], { name });
  const session = await apiAs(`client ${name}`, client.email);
  for (const subject of subjects) {
    const sent = await session.post('/api/threads', {
      to: [{ userId: ids().p3 }],
      subject,
      body: '<p>Hello, a question about my next appointment.</p>',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  }
  return client;
}

test('R13 R14 issue 17: the inbox at 360 px — every folder and New message in view, no sideways scroll; a bulk action clears the selection', async ({
  browser,
}) => {
  const tag = Date.now().toString(36).slice(-5);
  await clientWritingToP3('Robin Vance, PhD', [`Billing question ${tag}`, `Reschedule ${tag}`]);
  const { context, page } = await newSignedInPage(browser, 'p3', { width: 360, height: 740 });
  await page.goto(`/p/${SLUG}/mail/inbox`);
  await expect(page.getByRole('link', { name: new RegExp(`Billing question ${tag}`) })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const folders = page.getByRole('navigation', { name: 'Folders' });
  for (const name of ['Inbox', 'Sent', 'Drafts', 'Archive', 'Overdue']) {
    await expect(folders.getByRole('link', { name: new RegExp(`^${name}`) })).toBeInViewport();
  }
  await expect(page.getByRole('link', { name: 'New message' })).toBeInViewport();

  await page.getByLabel(`Select “Billing question ${tag}”`).check();
  await page.getByLabel(`Select “Reschedule ${tag}”`).check();
  const bar = page.getByRole('toolbar', { name: 'Actions on selected threads' });
  await expect(bar).toContainText('2 selected');
  await expectNoSeriousA11yViolations(page, 'inbox 360');
  await screenshot(page, 'staff-inbox-360-folders');
  await bar.getByRole('button', { name: 'Mark read' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 threads marked read.' })).toBeVisible();
  await expect(page.getByLabel(`Select “Billing question ${tag}”`)).not.toBeChecked();
  await expect(page.getByLabel(`Select “Reschedule ${tag}”`)).not.toBeChecked();
  await expect(bar).toContainText('Select all');
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, 'staff-inbox-after-bulk');
  await context.close();
});

test('R7 R14 R6 issue 17: initials skip credentials; a draft row names its recipient; a PDF previews, or is a file card without a viewer', async ({
  browser,
}) => {
  const tag = Date.now().toString(36).slice(-5);
  const client = await clientWritingToP3('Robin Vance, PhD', [`Forms ${tag}`]);
  const { context, page } = await newSignedInPage(browser, 'p3');

  // The client's avatar on the staff side matches the portal's rule: "Robin Vance, PhD" is RV.
  await page.goto(`/p/${SLUG}/mail/inbox`);
  await page.getByRole('link', { name: new RegExp(`Forms ${tag}`) }).click();
  await expect(page.locator('.avatar').first()).toHaveText('RV');

  // A draft to the client: its row says whom it is for.
  const draft = await apiFromPage(page, 'POST', '/api/drafts', {
    to: [{ userId: client.id }],
    subject: `Homework ${tag}`,
    body: '<p>Half-written</p>',
  });
  expect(draft.status).toBe(201);
  await page.goto(`/p/${SLUG}/mail/drafts`);
  const row = page.getByRole('list', { name: 'Drafts' }).getByRole('link', { name: new RegExp(`Homework ${tag}`) });
  await expect(row).toContainText('To Robin Vance, PhD');
  await expect(row).not.toContainText('New message');
  await expectNoSeriousA11yViolations(page, 'drafts');
  await screenshot(page, 'staff-drafts-recipient');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'staff-drafts-recipient-360');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A PDF: headless Chromium has no PDF viewer, so a file card stands where a black frame was.
  const me = await (await page.request.get('/api/me')).json();
  const uploaded = await page.request.post('/api/attachments', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    multipart: { file: files.pdf() },
  });
  expect(uploaded.status()).toBe(201);
  const attachmentId = (await uploaded.json()).attachments[0].id as string;
  const sent = await apiFromPage<{ thread: { id: string } }>(page, 'POST', '/api/threads', {
    to: [{ userId: client.id }],
    subject: `Plan ${tag}`,
    body: '<p>Here is the treatment plan we discussed.</p>',
    attachmentIds: [attachmentId],
  });
  expect(sent.status).toBe(201);
  // Chromium here has its PDF viewer: the first page shows in the frame (a page-less PDF, or one
  // still loading, is the viewer's dark background — the "black box").
  await page.goto(`/p/${SLUG}/threads/${sent.body.thread.id}`);
  await expect(page.locator('iframe[title="Preview of treatment-plan.pdf"]')).toBeVisible();
  // A browser without a viewer gets a plain file card, not an empty black frame.
  await page.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, 'pdfViewerEnabled', { get: () => false, configurable: true }),
  );
  await page.reload();
  await expect(page.getByText('This browser has no PDF viewer')).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download treatment-plan.pdf' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'pdf card');
  await screenshot(page, 'staff-thread-pdf-card');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'staff-thread-pdf-card-360');
  await context.close();
});

test('R15 R16 issue 17: chart notes name the client and give times in the practice time zone', async ({ browser }) => {
  const tag = Date.now().toString(36).slice(-5);
  const client = await newClient([{ key: 'p1', status: 'current' }], { name: 'Jesse Park, MSW' });
  const p1 = await apiAs('p1');
  const started = await p1.post('/api/threads', {
    to: [{ userId: client.id }],
    subject: `Sleep ${tag}`,
    body: '<p>Please keep the sleep log this week.</p>',
  });
  expect(started.status).toBe(201);
  const threadId = started.body.thread.id as string;
  const { context, page } = await newSignedInPage(browser, 'p1');
  const transcript = await apiFromPage<{ content: string }>(page, 'GET', `/api/threads/${threadId}/quick-note`);
  // Riverside keeps the default time zone, America/New_York; the browser here runs on UTC.
  expect(transcript.body.content).toMatch(/Dr\. Maya Chen — \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M E[SD]T/);
  expect(transcript.body.content).not.toContain('UTC');
  const saved = await apiFromPage(page, 'POST', `/api/threads/${threadId}/quick-note`, {
    content: transcript.body.content,
  });
  expect(saved.status).toBe(201);
  await page.goto(`/p/${SLUG}/clients/${client.id}/notes`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chart notes: Jesse Park, MSW');
  await expect(page.getByText('Times are in the practice’s time zone (America/New York).')).toBeVisible();
  await expect(page.locator('.note-head time').first()).toHaveText(/E[SD]T$/);
  await expectNoSeriousA11yViolations(page, 'chart notes');
  await screenshot(page, 'staff-chart-notes');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'staff-chart-notes-360');
  await context.close();
});
