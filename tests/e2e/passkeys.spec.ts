import { expect, test, type Page } from '@playwright/test';
import { newClient } from './portal-helpers';
import { expectNoSeriousA11yViolations, MFA_SLUG, PASSWORD, screenshot, signIn, SLUG } from './support/helpers';

// Each journey signs in three times and checks two widths with axe: generous on a busy machine.
test.describe.configure({ timeout: 240_000 });

/** Chromium's virtual authenticator on this page: a platform passkey with a PIN or biometric that always passes. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

async function signInWithPasskey(page: Page, slug: string) {
  await page.goto(`/p/${slug}/sign-in`);
  await page.getByRole('button', { name: 'Use a passkey', exact: true }).click();
}

/** Both widths of a screen, as docs/screenshots/<name>-360.png and <name>.png. */
async function screenshotWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  // From the top, so the sticky header sits where a person sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSeriousA11yViolations(page, `${name} at 360 px`);
  const scrollsSideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(scrollsSideways, `${name} scrolls sideways at 360 px`).toBe(false);
  await screenshot(page, `${name}-360`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSeriousA11yViolations(page, name);
  await screenshot(page, name);
}

test('R53/R52: staff enrol a passkey as their two-factor, manage it on their Account page, and sign in with it', async ({
  page,
}) => {
  const authenticator = await addVirtualAuthenticator(page);
  await signIn(page, MFA_SLUG, 'pk@harbor.example');
  await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await screenshot(page, 'mfa-enrol-qr');
  await page.getByRole('button', { name: 'Use a passkey instead' }).click();
  // The passkey meets the practice's two-factor rule: the mailbox opens.
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  expect(await authenticator.credentials()).toHaveLength(1);

  // R52: the name in the header opens the Account page.
  await page.getByRole('link', { name: 'Sam Rivera' }).click();
  await expect(page).toHaveTitle('Account · Confide');
  await expect(page.getByText('pk@harbor.example')).toBeVisible();
  const passkeys = page.getByRole('list', { name: 'Your passkeys' });
  await expect(passkeys.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Rename Passkey' }).click();
  await page.getByLabel('New name for “Passkey”').fill('Office desktop');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(passkeys).toContainText('Office desktop');
  // The last second factor of staff who must have one cannot be removed.
  await page.getByRole('button', { name: 'Remove Office desktop' }).click();
  await page.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('requires two-factor sign-in');
  await page.getByRole('button', { name: 'Cancel' }).click();
  const sessions = page.getByRole('list', { name: 'Signed-in sessions' });
  await expect(sessions).toContainText('this browser');
  await expect(sessions).toContainText('Chrome on Linux');
  await screenshotWidths(page, 'staff-account');

  // The password alone no longer opens the mailbox; the passkey does.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByLabel('Email').fill('pk@harbor.example');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Use a passkey');
  await signInWithPasskey(page, MFA_SLUG);
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Sam Rivera' }).click();
  await expect(page.getByRole('list', { name: 'Your passkeys' })).toContainText('last used');
});

test('R53/R52: a client adds a passkey on Account, signs out from the menu, signs in with the passkey and removes it', async ({
  page,
}) => {
  const authenticator = await addVirtualAuthenticator(page);
  const { email } = await newClient([{ key: 'p1', status: 'current' }], { name: 'Harper Quinn' });
  await signIn(page, SLUG, email);
  const menu = page.getByRole('navigation', { name: 'Portal menu' });
  await menu.getByRole('link', { name: 'Account' }).click();
  await expect(page).toHaveTitle('Account · Confide');
  // R52: two-factor setup shows a QR code drawn on the page, and the key.
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expect(page.getByLabel('Setup key')).toHaveText(/^[A-Z2-7 ]{20,}$/);

  await page.getByLabel('Name for a new passkey').fill('My phone');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('list', { name: 'Your passkeys' })).toContainText('My phone');
  expect(await authenticator.credentials()).toHaveLength(1);
  await screenshotWidths(page, 'portal-account-passkey');

  // R52: Sign out is one click from every portal page.
  await menu.getByRole('link', { name: /Messages/ }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signInWithPasskey(page, SLUG);
  await expect(menu).toBeVisible();
  await menu.getByRole('link', { name: 'Account' }).click();
  await page.getByRole('button', { name: 'Remove My phone' }).click();
  await page.getByRole('button', { name: 'Remove passkey' }).click();
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
  // A removed passkey signs nobody in.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signInWithPasskey(page, SLUG);
  await expect(page.getByRole('alert')).toContainText('did not sign you in');
});
