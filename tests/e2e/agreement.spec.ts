import { expect, test, type Browser, type Page } from '@playwright/test';
import { screenshotBoth } from './portal-helpers';
import { AGREEMENT_SLUG, apiAs, baseUrl, expectNoSeriousA11yViolations, screenshot, signIn } from './support/helpers';

test.describe.configure({ timeout: 240_000 });

const email = (key: string) => `${key}@${AGREEMENT_SLUG}.example`;

/** A Cedar Lane person (this spec's own practice) signed in on a fresh page. */
async function signedIn(browser: Browser, key: string) {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, AGREEMENT_SLUG, email(key));
  return { context, page };
}

async function openMessages(page: Page) {
  await page
    .getByRole('navigation', { name: 'Portal menu' })
    .getByRole('link', { name: /Messages/ })
    .click();
  await expect(page).toHaveTitle('Messages · Confide');
}

const agreementScreen = (page: Page) => page.getByRole('region', { name: 'Messaging agreement' });

test('R43: the client accepts the messaging agreement before their first message and again when it changes; staff see the acceptance', async ({
  browser,
}) => {
  // The admin publishes version 1 from the practice settings (the suggested text, edited).
  const admin = await signedIn(browser, 'admin');
  await admin.page.getByRole('link', { name: 'Administration' }).click();
  await admin.page.getByRole('link', { name: 'Practice settings' }).click();
  const editor = admin.page.getByRole('region', { name: 'Messaging agreement' });
  await expect(editor).toContainText('No agreement is published yet');
  const text = editor.getByLabel('Agreement text');
  await expect(text).toHaveValue(/Secure messaging is for non-urgent questions/);
  await text.fill(`${await text.inputValue()}\n\nCedar Lane reads messages on business days between 9 am and 5 pm.`);
  await editor.getByRole('button', { name: 'Publish version 1' }).click();
  await expect(editor).toContainText('Version 1, published');
  await expect(editor.getByRole('button', { name: 'Publish as version 2' })).toBeDisabled();
  await expectNoSeriousA11yViolations(admin.page, 'agreement editor');
  // A full-page screenshot of a scrolled page would draw the sticky header mid-page.
  await admin.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(admin.page, 'admin-agreement-settings-desktop');
  await admin.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(admin.page, 'admin-agreement-settings-phone');
  await admin.page.setViewportSize({ width: 1280, height: 800 });

  // The client sees the agreement instead of the chat, and cannot write before accepting.
  const client = await signedIn(browser, 'c1');
  const { page } = client;
  await openMessages(page);
  const screen = agreementScreen(page);
  await expect(screen).toContainText('Before you send your first message');
  await expect(screen).toContainText('Cedar Lane reads messages on business days');
  await expect(screen).toContainText('Version 1');
  await expect(page.getByRole('button', { name: 'New message' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Compose message' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'agreement screen');
  await screenshotBoth(page, 'agreement');
  await screen.getByRole('button', { name: 'I have read and accept the agreement' }).click();
  await expect(screen).toHaveCount(0);

  // Then sending works.
  await page.getByRole('button', { name: 'Compose message' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Select provider').selectOption({ label: 'Dr. Felix Ward — Provider' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  const composer = page.getByRole('form', { name: 'Write a message' });
  await composer.getByLabel('Message to Dr. Felix Ward').fill('Thank you, I have read the agreement.');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.portal-bubble-row.is-mine').last()).toContainText('Sent');

  // The admin changes the text: version 2. The client is asked again on their next visit.
  await text.fill(`${await text.inputValue()} Billing questions go to the front office.`);
  await editor.getByRole('button', { name: 'Publish as version 2' }).click();
  await expect(editor).toContainText('Version 2, published');
  await page.reload();
  await expect(screen).toContainText('The practice has updated its messaging agreement');
  await expect(screen).toContainText('Billing questions go to the front office.');
  await expect(screen).toContainText('Version 2');
  await screenshotBoth(page, 'agreement-updated');
  await screen.getByRole('button', { name: 'I have read and accept the agreement' }).click();
  await expect(screen).toHaveCount(0);

  // A change while the chat is open: the send is refused (agreement_required), the agreement comes
  // up, and after accepting, the kept message goes with Retry.
  const published = await apiAs(admin.page, 'PUT', '/api/admin/agreement', {
    text: `${await text.inputValue()} Messages may be copied into your record.`,
  });
  expect(published.status).toBe(200);
  expect(published.body.agreement.version).toBe(3);
  await composer.getByLabel('Message to Dr. Felix Ward').fill('Is the group on Tuesday still meeting?');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(screen).toContainText('Version 3');
  await screen.getByRole('button', { name: 'I have read and accept the agreement' }).click();
  const kept = page.locator('.portal-bubble-row.is-mine').last();
  await expect(kept).toContainText('Is the group on Tuesday still meeting?');
  await expect(kept).toContainText('Please read and accept the messaging agreement first.');
  await kept.getByRole('button', { name: /Retry/ }).click();
  await expect(kept).toContainText('Sent');
  await client.context.close();

  // Staff see the acceptance on the client: version and time, from the admin's client screen.
  await admin.page.getByRole('link', { name: 'Clients' }).click();
  await admin.page.getByRole('button', { name: 'Messaging agreement of Sasha Moreno' }).click();
  const record = admin.page.getByRole('dialog', { name: 'Sasha Moreno' });
  await expect(record).toContainText('Accepted the current version');
  await expect(record.getByRole('listitem')).toHaveCount(3);
  await expect(record.getByRole('listitem').first()).toContainText('Version 3 accepted');
  await expect(record.getByRole('listitem').last()).toContainText('Version 1 accepted');
  await expectNoSeriousA11yViolations(admin.page, 'client agreement record');
  await screenshot(admin.page, 'admin-client-agreement-desktop');
  await admin.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(admin.page, 'admin-client-agreement-phone');
  await admin.context.close();
});
