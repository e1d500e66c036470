import { expect, test, type Page } from '@playwright/test';
import {
  apiAs,
  expectNoSeriousA11yViolations,
  linkFromEmail,
  newSignedInPage,
  PASSWORD,
  screenshot,
  seeded,
  signIn,
  signInAs,
  SLUG,
  startThread,
  uniqueSubject,
} from './support/helpers';

test('R3 R35: an admin sets a client inactive; the client cannot message the provider, then can again', async ({
  browser,
  page,
}) => {
  const ids = seeded().riverside.ids;
  await signInAs(page, 'admin');
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'admin staff');
  await screenshot(page, 'admin-staff');
  await page.getByRole('link', { name: 'Clients' }).click();
  await expect(page).toHaveTitle('Clients · Confide');
  await page.getByRole('button', { name: 'Set Morgan Diaz inactive' }).click();
  await expect(page.getByText('Morgan Diaz is now inactive.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'admin clients');
  await screenshot(page, 'admin-clients');

  const client = await newSignedInPage(browser, 'c5');
  const refused = await apiAs(client.page, 'POST', '/api/threads', {
    to: [{ userId: ids.p3 }],
    subject: 'Appointment',
    body: '<p>Can we move my appointment?</p>',
  });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('client_inactive');
  const frontOffice = await apiAs(client.page, 'POST', '/api/threads', {
    to: [{ userId: ids.fo }],
    subject: 'Billing',
    body: '<p>A question about my last invoice.</p>',
  });
  expect(frontOffice.status).toBe(201);

  await page.getByRole('button', { name: 'Set Morgan Diaz active' }).click();
  await expect(page.getByText('Morgan Diaz is now active.')).toBeVisible();
  const allowed = await apiAs(client.page, 'POST', '/api/threads', {
    to: [{ userId: ids.p3 }],
    subject: 'Appointment',
    body: '<p>Can we move my appointment?</p>',
  });
  expect(allowed.status).toBe(201);
  await client.context.close();
});

test('R35: invite a staff member who accepts by email; care team and settings are edited', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'admin');
  await page.goto(`/p/${SLUG}/admin/staff`);
  await page.getByRole('button', { name: 'Invite staff member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a staff member' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await dialog.getByLabel('Name').fill('Drew Patel');
  await dialog.getByLabel('Email').fill('drew@riverside.example');
  await dialog.getByLabel('Role').selectOption('biller');
  await expectNoSeriousA11yViolations(page, 'invite dialog');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('Invitation sent to drew@riverside.example.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Drew Patel/ }).getByText('Invited')).toBeVisible();

  const link = await linkFromEmail('drew@riverside.example', '/invitation');
  const invited = await browser.newContext({ baseURL: new URL(link).origin });
  const invitedPage = await invited.newPage();
  await invitedPage.goto(link);
  await expect(invitedPage.getByRole('heading', { name: 'Welcome — choose your password' })).toBeVisible();
  await expectNoSeriousA11yViolations(invitedPage, 'invitation');
  await screenshot(invitedPage, 'invitation');
  await invitedPage.getByLabel('New password').fill('short');
  await expect(invitedPage.getByText('7 more characters needed.')).toBeVisible();
  await invitedPage.getByLabel('New password').fill(PASSWORD);
  await invitedPage.getByLabel('Repeat the password').fill(PASSWORD);
  await invitedPage.getByRole('button', { name: 'Set password' }).click();
  await expect(invitedPage.getByText('Your account is ready.')).toBeVisible();
  await signIn(invitedPage, SLUG, 'drew@riverside.example');
  await invited.close();

  await page.goto(`/p/${SLUG}/admin/clients`);
  await page.getByRole('button', { name: 'Edit care team of Casey Doyle' }).click();
  const careTeam = page.getByRole('dialog', { name: 'Care team of Casey Doyle' });
  await careTeam.getByLabel('Dr. Sam Ortiz').selectOption('past');
  await careTeam.getByRole('button', { name: 'Save care team' }).click();
  await expect(page.getByRole('row', { name: /Casey Doyle/ }).getByText('Past: Dr. Sam Ortiz')).toBeVisible();

  await page.getByRole('link', { name: 'Practice settings' }).click();
  await page.getByLabel('Typical response time').fill('2 business days');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'settings');

  await page.getByRole('link', { name: 'Email delivery' }).click();
  await expect(page.getByRole('table', { name: 'Email deliveries' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'email delivery');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/admin/audit?format=csv');
  const csv = await page.request.get('/api/admin/audit?format=csv');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('admin.');
  await expectNoSeriousA11yViolations(page, 'audit');
  await screenshot(page, 'admin-audit');
});

test('non-admins do not see Administration', async ({ page }) => {
  await signInAs(page, 'p2');
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await page.goto(`/p/${SLUG}/admin/staff`);
  await expect(page).toHaveURL(new RegExp(`/p/${SLUG}/mail/inbox$`));
});

/** The page itself never scrolls sideways (tables may, inside their own container). */
async function expectNoPageSideScroll(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: page wider than the screen by ${overflow}px`).toBeLessThanOrEqual(0);
}

test('R35: the admin pages work at 360 px: no sideways page scroll, buttons reachable', async ({ browser }) => {
  const { context, page } = await newSignedInPage(browser, 'admin', { width: 360, height: 740 });
  for (const section of ['staff', 'clients', 'settings', 'email', 'audit']) {
    await page.goto(`/p/${SLUG}/admin/${section}`);
    await expect(
      page
        .getByRole('heading', { level: 1 })
        .or(page.getByRole('heading', { level: 2 }))
        .first(),
    ).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoPageSideScroll(page, section);
    // Every section stays one tap away: the tabs wrap rather than hide off the edge.
    await expect(page.getByRole('navigation', { name: 'Administration' }).getByRole('link').last()).toBeInViewport();
    await screenshot(page, `admin-${section}-360`);
  }
  await page.goto(`/p/${SLUG}/admin/clients`);
  const button = page.getByRole('button', { name: 'Edit care team of Casey Doyle' });
  await button.scrollIntoViewIfNeeded();
  await expect(button).toBeInViewport();
  await button.click();
  await expect(page.getByRole('dialog', { name: 'Care team of Casey Doyle' })).toBeVisible();
  await expectNoPageSideScroll(page, 'care team dialog');
  await expectNoSeriousA11yViolations(page, 'admin clients 360');
  await context.close();
});

test('R3: staff (admins) see when a client in a thread or among the recipients is inactive', async ({ page }) => {
  await signInAs(page, 'admin');
  const withInactive = await startThread(page, ['c3'], uniqueSubject('Intake forms'));
  const withActive = await startThread(page, ['c2'], uniqueSubject('Intake forms'));
  await page.goto(`/p/${SLUG}/threads/${withInactive}`);
  const note = page.getByRole('note');
  await expect(note).toContainText("Riley Shaw is inactive: they can't message providers");
  await expect(note).toContainText('Front office and billing can still reach them.');
  await expectNoSeriousA11yViolations(page, 'thread with an inactive client');
  await page.goto(`/p/${SLUG}/threads/${withActive}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Intake forms');
  await expect(page.getByRole('note')).toHaveCount(0);

  await page.goto(`/p/${SLUG}/compose`);
  const to = page.getByRole('combobox', { name: 'To' });
  await to.fill('Riley');
  await page.getByRole('option', { name: /Riley Shaw/ }).click();
  await expect(page.getByRole('note')).toContainText('Riley Shaw is inactive');
});
