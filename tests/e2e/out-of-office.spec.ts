import { expect, test, type Browser, type Page } from '@playwright/test';
import { screenshotBoth } from './portal-helpers';
import { baseUrl, expectNoSeriousA11yViolations, OOO_SLUG, screenshot, signIn } from './support/helpers';

test.describe.configure({ timeout: 240_000 });

/** The practice's time zone (the default of R39): "Away until" days are its days. */
const PRACTICE_ZONE = 'America/New_York';
const email = (key: string) => `${key}@${OOO_SLUG}.example`;

/** A Willow Creek person (this spec's own practice) signed in on a fresh page. */
async function signedIn(browser: Browser, key: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport });
  const page = await context.newPage();
  await signIn(page, OOO_SLUG, email(key));
  return { context, page };
}

/** A datetime-local value `days` from now at `hour`:00 in the browser's time, and the weekday the practice says. */
function daysAhead(days: number, hour: number) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  date.setHours(hour, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  const input = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(hour)}:00`;
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: PRACTICE_ZONE, weekday: 'short' }).format(date);
  return { input, weekday };
}

async function setOutOfOffice(
  scope: Page | ReturnType<Page['getByRole']>,
  backOn: string,
  covering: string,
  note: string,
) {
  await scope.getByLabel('Back on').fill(backOn);
  await scope.getByLabel('Covering colleague').selectOption({ label: covering });
  await scope.getByLabel('Note for the automatic reply (optional)').fill(note);
  await scope.getByRole('button', { name: 'Set out of office' }).click();
}

test('R40: a provider sets their own out of office; the client sees "Away until" before sending and gets the automatic reply; the covering colleague sees it in their Inbox', async ({
  browser,
}) => {
  // Back in three days at 14:00 (browser time; 9 am in New York in winter): the card names that day in the practice's zone.
  const back = daysAhead(3, 14);

  // The provider, on their Account page.
  const provider = await signedIn(browser, 'p1');
  await provider.page.goto(`/p/${OOO_SLUG}/account`);
  const section = provider.page.getByRole('region', { name: 'Out of office' });
  await expect(section).toBeVisible();
  await setOutOfOffice(section, back.input, 'Dr. Omar Reyes', 'I am at a conference this week.');
  const status = section.getByRole('status');
  await expect(status).toContainText('You are out of office until');
  await expect(status).toContainText('Dr. Omar Reyes covers your messages');
  await expectNoSeriousA11yViolations(provider.page, 'account with out of office');
  // A full-page screenshot of a scrolled page would draw the sticky header mid-page.
  await provider.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(provider.page, 'staff-out-of-office-account-desktop');
  await provider.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(provider.page, 'staff-out-of-office-account-phone');
  await provider.context.close();

  // The client: the compose pop-up says so before anything is written.
  const client = await signedIn(browser, 'c1');
  const { page } = client;
  await page
    .getByRole('navigation', { name: 'Portal menu' })
    .getByRole('link', { name: /Messages/ })
    .click();
  await page.getByRole('button', { name: 'Compose message' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Select provider').selectOption({ label: 'Dr. Iris Vale — Provider' });
  await expect(dialog.getByRole('note')).toContainText(`Dr. Iris Vale is away until ${back.weekday}.`);
  await expect(dialog.getByRole('note')).toContainText('Dr. Omar Reyes will see your messages meanwhile.');
  await dialog.getByRole('button', { name: 'Next' }).click();

  // The provider card and the chat say it too.
  const card = page.getByRole('navigation', { name: 'Your providers and contacts' }).getByRole('link', {
    name: /Dr\. Iris Vale/,
  });
  await expect(card).toContainText(`Away until ${back.weekday}`);
  const chat = page.getByRole('region', { name: /Dr\. Iris Vale/ });
  await expect(chat.getByRole('note')).toContainText(`Dr. Iris Vale is away until ${back.weekday}.`);
  const composer = page.getByRole('form', { name: 'Write a message' });
  await composer.getByLabel('Message to Dr. Iris Vale').fill('Could we move Thursday to the afternoon?');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.portal-bubble-row.is-mine').last()).toContainText('Sent');

  // The automatic reply comes at once, from the practice: when she is back, who sees the message.
  const reply = page.getByRole('article', { name: 'Automatic reply from Willow Creek Counseling' });
  await expect(reply).toBeVisible();
  await expect(reply).toContainText(`Dr. Iris Vale is out of office until ${back.weekday},`);
  await expect(reply).toContainText('Dr. Omar Reyes will see your message meanwhile.');
  await expect(reply).toContainText('I am at a conference this week.');
  await expectNoSeriousA11yViolations(page, 'chat with an automatic reply');
  await screenshotBoth(page, 'out-of-office-reply');

  // A second message in the same thread gets no second automatic reply (once per thread per period).
  await composer.getByLabel('Message to Dr. Iris Vale').fill('Or Friday morning works as well for me.');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.portal-bubble-row.is-mine').last()).toContainText('Sent');
  await expect(page.locator('.portal-bubble-row.is-mine')).toHaveCount(2);
  await expect(reply).toHaveCount(1);
  await client.context.close();

  // The covering colleague: the thread is in their Inbox, marked "Covering for Dr. Iris Vale".
  const colleague = await signedIn(browser, 'p2');
  const row = colleague.page.getByRole('listitem').filter({ hasText: 'Harper Lane' });
  await expect(row).toContainText('Covering for Dr. Iris Vale');
  await expectNoSeriousA11yViolations(colleague.page, 'inbox with a covered thread');
  await screenshot(colleague.page, 'staff-covering-inbox-desktop');
  await colleague.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(colleague.page, 'staff-covering-inbox-phone');
  await colleague.page.setViewportSize({ width: 1280, height: 800 });
  await row.getByRole('link').click();
  await expect(colleague.page.getByRole('note').filter({ hasText: 'Covering for Dr. Iris Vale.' })).toBeVisible();
  await expect(colleague.page.getByText('Could we move Thursday to the afternoon?')).toBeVisible();
  await expect(
    colleague.page.getByRole('article', { name: 'Automatic reply from Willow Creek Counseling' }),
  ).toContainText('Dr. Omar Reyes will see your message meanwhile.');
  await expectNoSeriousA11yViolations(colleague.page, 'covered thread');
  await screenshot(colleague.page, 'staff-covering-thread-desktop');
  await colleague.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(colleague.page, 'staff-covering-thread-phone');
  await colleague.page.setViewportSize({ width: 1280, height: 800 });

  // Staff compose shows the away status of a recipient before sending.
  await colleague.page.goto(`/p/${OOO_SLUG}/compose`);
  await colleague.page.getByRole('combobox', { name: 'To' }).fill('Iris');
  const option = colleague.page.getByRole('option', { name: /Dr\. Iris Vale/ });
  await expect(option).toContainText(`away until ${back.weekday}`);
  await option.click();
  await expect(colleague.page.getByRole('note').filter({ hasText: 'Dr. Iris Vale is away until' })).toContainText(
    'Dr. Omar Reyes covers their messages meanwhile.',
  );
  await expectNoSeriousA11yViolations(colleague.page, 'compose to an away colleague');
  await screenshot(colleague.page, 'staff-compose-away-desktop');
  await colleague.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(colleague.page, 'staff-compose-away-phone');
  await colleague.context.close();
});

test("R40: an admin sets a provider's out of office from the staff screen, and ends it", async ({ browser }) => {
  const back = daysAhead(2, 9);
  const { context, page } = await signedIn(browser, 'admin');
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Staff', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Out of office of Dr. Tess Quinn' }).click();
  const dialog = page.getByRole('dialog', { name: 'Out of office: Dr. Tess Quinn' });
  await setOutOfOffice(dialog, back.input, 'Dr. Omar Reyes', '');
  await expect(dialog.getByRole('status')).toContainText('Dr. Tess Quinn is out of office until');
  await expectNoSeriousA11yViolations(page, 'admin out-of-office dialog');
  await screenshot(page, 'admin-staff-out-of-office-dialog-desktop');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const memberRow = page.getByRole('row').filter({ hasText: 'Dr. Tess Quinn' });
  await expect(memberRow).toContainText(`Away until ${back.weekday}`);
  await screenshot(page, 'admin-staff-away-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'admin-staff-away-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Out of office of Dr. Tess Quinn' }).click();
  await dialog.getByRole('button', { name: 'End out of office now' }).click();
  await expect(dialog.getByRole('button', { name: 'Set out of office' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(memberRow).not.toContainText('Away until');
  await context.close();
});
