import { expect, test } from '@playwright/test';
import { generate } from 'otplib';
import {
  emailOf,
  expectNoSeriousA11yViolations,
  linkFromEmail,
  MFA_SLUG,
  PASSWORD,
  screenshot,
  signIn,
  SLUG,
  TOTP_SECRET,
} from './support/helpers';

test('R28: sign-in shows the practice name and refuses a wrong password in words', async ({ page }) => {
  await page.goto(`/p/${SLUG}/sign-in`);
  await expect(page.getByText('Riverside Counseling')).toBeVisible();
  await expect(page).toHaveTitle('Sign in · Confide');
  await expectNoSeriousA11yViolations(page, 'sign-in');
  await screenshot(page, 'sign-in');
  await page.getByLabel('Email').fill(emailOf('fo'));
  await page.getByLabel('Password', { exact: true }).fill('not-the-password-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('email or password is not right');
});

test('R28: two-factor sign-in asks for the code and accepts a TOTP', async ({ page }) => {
  await page.goto(`/p/${SLUG}/sign-in`);
  await page.getByLabel('Email').fill(emailOf('totp'));
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your two-factor code' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'two-factor');
  await page.getByLabel('Two-factor code').fill('000000');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Two-factor code').fill(await generate({ secret: TOTP_SECRET }));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${SLUG}/mail/inbox$`));
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('R28: staff of a practice requiring two-factor enrol before anything else', async ({ page }) => {
  await signIn(page, MFA_SLUG, 'new@harbor.example');
  await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByLabel('Setup key').textContent())!.replace(/\s/g, '');
  await expect(page.getByText(/^otpauth:\/\//)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'enrolment');
  await screenshot(page, 'two-factor-enrolment');
  await page.getByLabel('Code from the app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  await expect(page).toHaveURL(/\/mail\/inbox$/);
});

test('R28: forgotten password: the emailed link sets a new password (12-character rule shown)', async ({ page }) => {
  await page.goto(`/p/${SLUG}/sign-in`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(emailOf('biller'));
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByText('a reset link is on its way')).toBeVisible();
  const link = await linkFromEmail(emailOf('biller'), '/reset-password');
  await page.goto(link);
  await expect(page.getByText('At least 12 characters')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'reset');
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoSeriousA11yViolations(page, 'reset 360');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: 'Change password' })).toBeVisible();
  await screenshot(page, 'reset-password');
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password has been changed')).toBeVisible();
  await signIn(page, SLUG, emailOf('biller'));
});

test('R29: idle sign-out warns a minute before and "Stay signed in" keeps the session', async ({ page }) => {
  await page.clock.install();
  await signIn(page, SLUG, emailOf('agent'));
  await page.clock.fastForward('14:10');
  const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(dialog).toBeHidden();
  await page.clock.fastForward('15:30');
  await expect(page).toHaveURL(/sign-in\?reason=idle/);
  await expect(page.getByText('no activity')).toBeVisible();
});
