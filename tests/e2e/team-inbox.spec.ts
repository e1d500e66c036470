import { expect, test, type Browser, type Page } from '@playwright/test';
import { screenshotBoth } from './portal-helpers';
import {
  apiAs,
  baseUrl,
  expectNoSeriousA11yViolations,
  screenshot,
  signIn,
  TEAM_SLUG,
  uniqueSubject,
} from './support/helpers';

test.describe.configure({ timeout: 240_000 });

const email = (key: string) => `${key}@${TEAM_SLUG}.example`;

/** A Maple Street person (this spec's own practice) signed in on a fresh browser context. */
async function signedIn(browser: Browser, key: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport });
  const page = await context.newPage();
  await signIn(page, TEAM_SLUG, email(key));
  return { context, page };
}

/** Both layouts' look at a staff page: 1280 px, then 360 px, then back. */
async function screenshotStaff(page: Page, name: string) {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('R46: a client picks "Front office" as a team in the portal; the message reaches every front office member', async ({
  browser,
}) => {
  const subject = uniqueSubject('Insurance card');
  const { context, page } = await signedIn(browser, 'c1');
  await page.goto(`/p/${TEAM_SLUG}/messages`);
  await page
    .getByRole('button', { name: /^(New message|Compose message)$/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  const picker = dialog.getByLabel('Select provider');
  await expect(picker.locator('optgroup[label="Teams"] option')).toHaveText(['Front office (team)', 'Billing (team)']);
  await picker.selectOption({ label: 'Front office (team)' });
  await dialog.getByLabel('Topic (optional)').fill(subject);
  await expectNoSeriousA11yViolations(page, 'portal compose with teams');
  await screenshotBoth(page, 'team-compose');
  await dialog.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('heading', { name: /New message to Front office/ })).toBeVisible();
  await page.getByLabel('Your message').fill('I have a new insurance card; who should I send it to?');
  await page.getByRole('button', { name: 'Send' }).click();
  // The sent message opens its thread, where both front office members are named.
  await expect(page.getByText('I have a new insurance card; who should I send it to?')).toBeVisible();
  await expect(page.getByText('Lena Brooks').first()).toBeVisible();
  await expect(page.getByText('Marco Diaz').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'portal team thread');
  await screenshotBoth(page, 'team-sent');
  await context.close();

  // Both members find it in the team's Unassigned view; the biller does not.
  const staff = await signedIn(browser, 'fo2');
  await staff.page.goto(`/p/${TEAM_SLUG}/team/unassigned`);
  await expect(staff.page.getByRole('list', { name: 'Unassigned team threads' })).toContainText(subject);
  await staff.context.close();
  const biller = await signedIn(browser, 'biller');
  const refused = await apiAs(biller.page, 'GET', '/api/teams/front_office/threads?view=all');
  expect(refused.status).toBe(403);
  await biller.context.close();
});

test('R46: two front office members at once — one takes and assigns, the other sees it live and is warned before replying', async ({
  browser,
}) => {
  const subject = uniqueSubject('Reschedule');
  const client = await signedIn(browser, 'c1');
  const sent = await apiAs<{ thread: { id: string } }>(client.page, 'POST', '/api/threads', {
    to: [{ team: 'front_office' }],
    subject,
    body: '<p>Can I move Thursday’s session to Friday morning?</p>',
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  const threadId = sent.body.thread.id;
  await client.context.close();

  const lena = await signedIn(browser, 'fo1');
  const marco = await signedIn(browser, 'fo2');
  for (const { page } of [lena, marco]) await page.goto(`/p/${TEAM_SLUG}/team/unassigned`);
  const lenaRow = lena.page.getByRole('listitem').filter({ hasText: subject });
  const marcoRow = marco.page.getByRole('listitem').filter({ hasText: subject });
  await expect(lenaRow).toContainText('Unassigned');
  await expect(marcoRow).toBeVisible();
  await expectNoSeriousA11yViolations(lena.page, 'team view');
  await screenshotStaff(lena.page, 'team-view');

  // Lena takes it; Marco's Unassigned list loses it without a reload, and All names Lena.
  await lenaRow.getByRole('button', { name: /Take it/ }).click();
  await expect(marcoRow).toHaveCount(0);
  await marco.page.getByRole('link', { name: 'All', exact: true }).click();
  await expect(marco.page.getByRole('listitem').filter({ hasText: subject })).toContainText('Assigned to Lena Brooks');
  await lena.page.getByRole('link', { name: 'Mine', exact: true }).click();
  await expect(lena.page.getByRole('listitem').filter({ hasText: subject })).toContainText('Assigned to you');

  // Marco opens the thread and starts a reply; Lena answers first: Marco is warned in the composer.
  await marco.page.goto(`/p/${TEAM_SLUG}/threads/${threadId}`);
  const panel = marco.page.getByRole('region', { name: 'Team assignment' });
  await expect(panel).toContainText('Assigned to Lena Brooks');
  await marco.page.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(marco.page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(marco.page.getByText(/replied after you opened this thread/)).toHaveCount(0);
  const reply = await apiAs(lena.page, 'POST', `/api/threads/${threadId}/messages`, {
    body: '<p>Yes — Friday at 9:30 works. I have moved it for you.</p>',
  });
  expect(reply.status).toBe(201);
  await expect(
    marco.page.getByRole('alert').filter({ hasText: 'Lena Brooks replied after you opened this thread' }),
  ).toBeVisible();
  await expect(marco.page.getByText('Yes — Friday at 9:30 works.')).toBeVisible();
  await expectNoSeriousA11yViolations(marco.page, 'reply warning');
  await screenshotStaff(marco.page, 'team-reply-warning');

  // Lena gives the thread to Marco from the thread page; Marco's panel says so live.
  await lena.page.goto(`/p/${TEAM_SLUG}/threads/${threadId}`);
  const lenaPanel = lena.page.getByRole('region', { name: 'Team assignment' });
  await lenaPanel.getByLabel('Assign to').selectOption({ label: 'Marco Diaz' });
  await lenaPanel.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(lenaPanel).toContainText('Assigned to Marco Diaz');
  await expect(panel).toContainText('Assigned to you');
  await expectNoSeriousA11yViolations(lena.page, 'team assignment panel');
  await screenshotStaff(lena.page, 'team-thread-panel');

  // Marco releases it: back in Unassigned for Lena.
  await panel.getByRole('button', { name: 'Release' }).click();
  await expect(panel).toContainText('Unassigned');
  await lena.page.goto(`/p/${TEAM_SLUG}/team/unassigned`);
  await expect(lena.page.getByRole('listitem').filter({ hasText: subject })).toBeVisible();
  await lena.context.close();
  await marco.context.close();
});
