import { expect, test } from '@playwright/test';
import { newClient, openMessages, screenshotBoth, signInClient } from './portal-helpers';
import { expectNoSeriousA11yViolations, newSignedInPage, screenshot } from './support/helpers';

test.describe.configure({ timeout: 240_000 });

test('R42: words of crisis — the client sees the crisis card at once; staff see the thread pinned and acknowledge it', async ({
  page,
  browser,
}) => {
  const client = await newClient([{ key: 'p3', status: 'current' }]);
  await signInClient(page, client.email);
  await openMessages(page);
  await page.getByRole('button', { name: 'Compose message' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Select provider').selectOption({ label: 'Dr. Lena Park — Provider' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  const composer = page.getByRole('form', { name: 'Write a message' });
  await composer.getByLabel('Message to Dr. Lena Park').fill('I cannot do this anymore. I want to end my life.');
  await composer.getByRole('button', { name: 'Send' }).click();

  // The message is sent as usual, and the card comes up at once with every way to get help now.
  const card = page.getByRole('alertdialog', { name: 'Help is available right now' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Your message was sent');
  await expect(card.getByRole('link', { name: '911' })).toHaveAttribute('href', 'tel:911');
  await expect(card.getByRole('link', { name: 'Call 988', exact: true })).toHaveAttribute('href', 'tel:988');
  await expect(card.getByRole('link', { name: 'text 988', exact: true })).toHaveAttribute('href', 'sms:988');
  await expect(card.getByRole('link', { name: '988lifeline.org' })).toHaveAttribute(
    'href',
    'https://988lifeline.org/chat/',
  );
  await expect(card.getByRole('link', { name: 'text 838255' })).toHaveAttribute('href', 'sms:838255');
  await expect(card.getByRole('link', { name: 'envíe AYUDA al 988' })).toHaveAttribute('href', 'sms:988?body=AYUDA');
  await expectNoSeriousA11yViolations(page, 'crisis card');
  await screenshotBoth(page, 'crisis-card');
  await card.getByRole('button', { name: 'Close' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.locator('.portal-bubble-row.is-mine').last()).toContainText('Sent');

  // The provider's Inbox: the thread is pinned on top, flagged, until someone acknowledges it.
  const staff = await newSignedInPage(browser, 'p3');
  const pins = staff.page.getByRole('region', { name: /Possible crisis/ });
  await expect(pins).toBeVisible();
  const pin = pins.getByRole('listitem').filter({ hasText: 'Portal Client' });
  await expect(pin).toHaveCount(1);
  await expectNoSeriousA11yViolations(staff.page, 'crisis pins');
  await screenshot(staff.page, 'staff-crisis-pinned-desktop');
  await staff.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(staff.page, 'staff-crisis-pinned-phone');
  await staff.page.setViewportSize({ width: 1280, height: 800 });

  await pin.getByRole('link').click();
  const banner = staff.page.getByRole('alert').filter({ hasText: 'Possible crisis' });
  await expect(banner).toBeVisible();
  await expect(staff.page.getByText('I want to end my life')).toBeVisible();
  await screenshot(staff.page, 'staff-crisis-thread-desktop');
  await banner.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(banner).toHaveCount(0);
  await staff.page.getByRole('link', { name: '← Back' }).click();
  await expect(staff.page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expect(
    staff.page.getByRole('region', { name: /Possible crisis/ }).filter({ hasText: 'Portal Client' }),
  ).toHaveCount(0);
  await staff.context.close();
});
