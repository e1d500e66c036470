import { expect, request as playwrightRequest, test } from '@playwright/test';
import { baseUrl, BROOK_TOTP_SECRET, IDLE_SLUG, PASSWORD, seeded, signIn, uniqueSubject } from './support/helpers';

// Brook's idle timeout is 1 minute. The browser's clock is Playwright's (page.clock), so minutes
// pass in a jump; the server's own idle rule has its API test with an injected clock.

/** Client Lee Novak of Brook, signed in through the API, writing to the provider. */
async function brookClient() {
  const context = await playwrightRequest.newContext({ baseURL: baseUrl() });
  const login = await context.post('/api/auth/login', {
    data: { practice: IDLE_SLUG, email: 'c1@brook.example', password: PASSWORD },
  });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    send: async (subject: string) => {
      const sent = await context.post('/api/threads', {
        headers: { 'X-CSRF-Token': csrfToken },
        data: {
          to: [{ userId: seeded().brook.ids.p1 }],
          subject,
          body: '<p>A message that arrives while nobody is at the desk.</p>',
        },
      });
      expect(sent.status()).toBe(201);
    },
    dispose: () => context.dispose(),
  };
}

test('R29: live messages arriving do not keep an untouched tab signed in (1-minute timeout)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await signIn(page, IDLE_SLUG, 'p1@brook.example', PASSWORD, BROOK_TOTP_SECRET);
  const client = await brookClient();
  try {
    // Three messages, twenty seconds apart: each arrives live and refreshes the inbox.
    for (let i = 0; i < 3; i += 1) {
      await page.clock.fastForward(20_000);
      const subject = uniqueSubject(`Arrived ${i}`);
      await client.send(subject);
      if (i < 2) await expect(page.getByText(subject).first()).toBeVisible();
    }
    await page.clock.fastForward(5_000);
    await expect(page).toHaveURL(/\/sign-in\?reason=(idle|expired)$/);
    await expect(page.getByText(/no activity for a while|session has ended/)).toBeVisible();
  } finally {
    await client.dispose();
  }
});

test("R29: the person's own input keeps the session; no warning right after sign-in", async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await signIn(page, IDLE_SLUG, 'c1@brook.example');
  await page.clock.fastForward(10_000);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toHaveCount(0);
  // Scrolling and keys, no clicks on anything that loads: the app tells the server itself.
  for (let i = 0; i < 4; i += 1) {
    const reported = page.waitForResponse((r) => r.url().endsWith('/api/me') && r.ok());
    await page.mouse.wheel(0, 200);
    await page.keyboard.press('Shift');
    await page.clock.runFor(3_000);
    await reported;
    await page.clock.fastForward(12_000);
  }
  await expect(page).not.toHaveURL(/sign-in/);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toHaveCount(0);
  // Then nothing: the warning comes, then the sign-out.
  await page.clock.fastForward(25_000);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
  await page.clock.fastForward(25_000);
  await expect(page).toHaveURL(/\/sign-in\?reason=idle$/);
});

test('R29: "Are you still there?" does not cover two-factor setup right after sign-in', async ({ page }) => {
  await page.clock.install();
  await signIn(page, IDLE_SLUG, 'new@brook.example');
  await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
  await page.clock.fastForward(15_000);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set up an authenticator app' })).toBeVisible();
});

test('R29: someone who never signed in here is not told their session ended', async ({ page }) => {
  await page.goto(`/p/${IDLE_SLUG}/messages`);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Your session has ended')).toHaveCount(0);
  expect(page.url()).not.toContain('reason=expired');
});
