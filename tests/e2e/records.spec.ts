import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiAs, menu, newClient, screenshotBoth, signInClient } from './portal-helpers';
import { expectNoSeriousA11yViolations, newSignedInPage, screenshot, SLUG, uniqueSubject } from './support/helpers';

/** A thread from Dr. Maya Chen (p1) to a fresh client of hers. */
async function threadWithNewClient() {
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  const sent = await (
    await apiAs('p1')
  ).post('/api/threads', {
    to: [{ userId: client.id }],
    subject: uniqueSubject('Records'),
    body: '<p>Here is the <strong>plan</strong> we agreed on:</p><ol><li>sleep log</li><li>walks</li></ol>',
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return { client, threadId: sent.body.thread.id as string };
}

test('R49: a provider exports a thread as a PDF transcript and as a FHIR bundle from the thread', async ({
  browser,
}) => {
  test.slow();
  const { threadId } = await threadWithNewClient();
  const { page, context } = await newSignedInPage(browser, 'p1');
  await page.goto(`/p/${SLUG}/threads/${threadId}`);
  const pdfLink = page.getByRole('link', { name: 'Export PDF' });
  await expect(pdfLink).toBeVisible({ timeout: 30_000 });

  const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
  expect(pdf.suggestedFilename()).toBe(`conversation-${threadId}.pdf`);
  expect(
    readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  const [fhir] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export FHIR' }).click(),
  ]);
  expect(fhir.suggestedFilename()).toBe(`conversation-${threadId}.fhir.json`);
  const bundle = JSON.parse(readFileSync(await fhir.path(), 'utf8')) as {
    resourceType: string;
    entry: { resource: { resourceType: string; id: string } }[];
  };
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.entry.map((e) => e.resource.id)).toContain(threadId);

  await expectNoSeriousA11yViolations(page, 'thread with export');
  await screenshot(page, 'thread-export');
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(pdfLink).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page, 'thread with export 360');
  await screenshot(page, 'thread-export-360');
  await context.close();
});

test('R50: from Account, a client downloads all their messages as one ZIP', async ({ page }) => {
  test.slow();
  const { client } = await threadWithNewClient();
  await signInClient(page, client.email);
  await menu(page).getByRole('link', { name: 'Account' }).click();
  await expect(page).toHaveTitle('Account · Confide');
  const section = page.getByRole('region', { name: 'Download my messages' });
  await expect(section).toContainText('Deleted messages are not included');
  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download my messages' }).click(),
  ]);
  expect(zip.suggestedFilename()).toMatch(/^my-messages-\d{4}-\d\d-\d\d\.zip$/);
  const bytes = readFileSync(await zip.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  expect(bytes.includes(Buffer.from('transcript.pdf'))).toBe(true);
  await expectNoSeriousA11yViolations(page, 'account with records download');
  await section.scrollIntoViewIfNeeded();
  await screenshotBoth(page, 'account-records');
});
