import { expect, test, type Page } from '@playwright/test';
import { apiAs as apiSession, menu, newClient, signInClient } from './portal-helpers';
import {
  expectNoSeriousA11yViolations,
  newSignedInPage,
  screenshot,
  seeded,
  signInAs,
  SLUG,
  uniqueSubject,
} from './support/helpers';

/** A thread from Dr. Maya Chen (p1) to the given people, opened by each key in `openedBy`. */
async function threadOpenedBy(to: string[], openedBy: { key: string; email?: string }[]) {
  const p1 = await apiSession('p1');
  const sent = await p1.post('/api/threads', {
    to: to.map((userId) => ({ userId })),
    subject: uniqueSubject('Access'),
    body: '<p>Checking in after our session.</p>',
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const threadId = sent.body.thread.id as string;
  for (const who of openedBy) await (await apiSession(who.key, who.email)).get(`/api/threads/${threadId}`);
  return threadId;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('R32: the audit log, filtered by client and action, reads with names and words; CSV takes the filters', async ({
  page,
}) => {
  test.slow();
  const ids = seeded().riverside.ids;
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  await threadOpenedBy([client.id, ids.fo as string], [{ key: 'fo' }]);

  await signInAs(page, 'admin');
  await page.goto(`/p/${SLUG}/admin/audit`);
  // The admin screens load lazily; a busy machine takes a while.
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible({ timeout: 30_000 });
  const filters = page.getByRole('form', { name: 'Filter the audit log' });
  await filters.getByLabel('Client').selectOption({ value: client.id });
  await filters.getByLabel('Action').selectOption({ value: 'thread.opened' });
  const row = page.getByRole('row', { name: /Jordan Lee/ });
  await expect(row).toContainText('Opened a conversation');
  await expect(row).toContainText('Front office');
  await expect(page.getByRole('row')).toHaveCount(2);
  const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  expect(csv).toContain(`client=${client.id}`);
  expect(csv).toContain('action=thread.opened');
  const exported = await page.request.get(csv ?? '');
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('Jordan Lee');
  expect(lines[1]).toContain('Opened a conversation');

  await filters.getByLabel('From').fill('2000-01-01');
  await filters.getByLabel('To').fill('2000-01-02');
  await expect(page.getByText('No events match these filters')).toBeVisible();
  await filters.getByLabel('To').fill('');
  await expect(row).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'audit log filtered');
  await screenshot(page, 'admin-audit-filtered');
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(row).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page, 'audit log 360');
  await screenshot(page, 'admin-audit-filtered-phone');
});

test("R38: the client's provider reads the access report on the client's page — who, role, when, from where", async ({
  browser,
}) => {
  test.slow();
  const ids = seeded().riverside.ids;
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  await threadOpenedBy([client.id, ids.fo as string], [{ key: 'fo' }, { key: 'p1' }]);

  const { page, context } = await newSignedInPage(browser, 'p1');
  await page.goto(`/p/${SLUG}/clients/${client.id}/notes`);
  const report = page.getByRole('region', { name: 'Access report' });
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByRole('row', { name: /Jordan Lee/ })).toContainText('Front office');
  await expect(report.getByRole('row', { name: /Dr\. Maya Chen/ })).toContainText('Therapist');
  await expect(report.getByRole('row', { name: /Jordan Lee/ })).toContainText('127.0.0.1');
  await expectNoSeriousA11yViolations(page, 'access report');
  await screenshot(page, 'client-access-report');
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'client-access-report-phone');
  await context.close();
});

test('R38 R36: in Account the client sees which staff opened their messages — never an address, never another client', async ({
  page,
}) => {
  test.slow();
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  const other = await newClient([{ key: 'p1', status: 'current' }]);
  const otherName = (
    (await (await apiSession('admin')).get('/api/admin/clients')) as { clients: { id: string; name: string }[] }
  ).clients.find((c) => c.id === other.id)?.name;
  expect(otherName).toBeTruthy();
  // A two-client thread: the other client opens it too, and must not show.
  await threadOpenedBy(
    [client.id, other.id],
    [{ key: 'p1' }, { key: 'other', email: other.email }, { key: 'client', email: client.email }],
  );

  await signInClient(page, client.email);
  await menu(page).getByRole('link', { name: 'Account' }).click();
  const section = page.getByRole('region', { name: 'Who has opened my messages' });
  await expect(section.getByRole('listitem').first()).toContainText('Dr. Maya Chen');
  await expect(section.getByRole('listitem').first()).toContainText('Therapist');
  await expect(section.getByRole('listitem')).toHaveCount(1);
  // No staff address in the report (the Account page's own sessions list may show the client's own).
  expect(await section.innerText()).not.toContain('127.0.0.1');
  expect(await page.locator('body').innerText()).not.toContain(otherName ?? '(missing)');
  await expectNoSeriousA11yViolations(page, 'own access report');
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'portal-access-report-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'portal-access-report-phone');
});
