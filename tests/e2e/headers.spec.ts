import { expect, test, type Browser, type Page } from '@playwright/test';
import { baseUrl, emailOf, PASSWORD, SLUG } from './support/helpers';

/** Records every CSP violation the page reports, from the first script on, and CSP console errors. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('reportCspViolation', (what: string) => seen.push(what));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (what: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions-Policy|Permissions Policy/i.test(message.text())) {
      seen.push(`console: ${message.text()}`);
    }
  });
  return seen;
}

test('R30: the page is revalidated on every load, hashed assets are immutable, the API is no-store, and Permissions-Policy is set', async ({
  page,
}) => {
  const html = await page.request.get(`/p/${SLUG}/sign-in`);
  expect(html.headers()['cache-control']).toBe('no-cache');
  expect(html.headers()['permissions-policy']).toContain('camera=()');
  expect(html.headers()['content-security-policy']).toContain("script-src 'self'");
  const direct = await page.request.get('/index.html');
  expect(direct.headers()['cache-control']).toBe('no-cache');
  const script = (await html.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(script).toBeTruthy();
  const asset = await page.request.get(script!);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  // The build wrote brotli and gzip copies of every script and style the page loads first.
  const firstLoad = [...(await html.text()).matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  expect(firstLoad.length).toBeGreaterThan(1);
  for (const [acceptEncoding, encoding] of [
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
  ]) {
    for (const path of firstLoad) {
      const compressed = await page.request.get(path, { headers: { 'Accept-Encoding': acceptEncoding! } });
      expect(compressed.headers()['content-encoding'], path).toBe(encoding);
      expect(compressed.headers()['vary'], path).toMatch(/accept-encoding/i);
      expect(compressed.headers()['cache-control'], path).toBe('public, max-age=31536000, immutable');
    }
  }
  const pageBr = await page.request.get(`/p/${SLUG}/sign-in`, { headers: { 'Accept-Encoding': 'br' } });
  expect(pageBr.headers()['content-encoding']).toBe('br');
  expect(pageBr.headers()['cache-control']).toBe('no-cache');
  const api = await page.request.get('/api/me');
  expect(api.status()).toBe(401);
  expect(api.headers()['cache-control']).toBe('no-store');
  expect(api.headers()['permissions-policy']).toContain('microphone=()');
});

/** A page signed in through the API (fewer steps than the form on a busy machine), watching for CSP reports. */
async function signedInPage(browser: Browser, key: string) {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const login = await context.request.post('/api/auth/login', {
    data: { practice: SLUG, email: emailOf(key), password: PASSWORD },
  });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  const seen = await watchCsp(page);
  return { context, page, seen };
}

const SLOW = { timeout: 30_000 };

test('R30: the sign-in page and the client portal report no CSP violation (no eval)', async ({ browser }) => {
  test.setTimeout(180_000);
  const signedOut = await browser.newPage({ baseURL: baseUrl() });
  const atSignIn = await watchCsp(signedOut);
  await signedOut.goto(`/p/${SLUG}/sign-in`);
  await expect(signedOut.getByRole('button', { name: 'Sign in' })).toBeVisible(SLOW);
  await signedOut.close();
  expect(atSignIn).toEqual([]);

  const client = await signedInPage(browser, 'c1');
  for (const path of [`/p/${SLUG}/`, `/p/${SLUG}/messages`, `/p/${SLUG}/account`]) {
    await client.page.goto(path);
    await expect(client.page.getByRole('link', { name: /Messages/ }).first()).toBeVisible(SLOW);
    await client.page.waitForLoadState('networkidle', SLOW);
  }
  expect(client.seen).toEqual([]);
  await client.context.close();
});

test('R30: the staff pages (mailbox, compose) report no CSP violation', async ({ browser }) => {
  test.setTimeout(180_000);
  const staff = await signedInPage(browser, 'p1');
  await staff.page.goto(`/p/${SLUG}/mail/inbox`);
  await expect(staff.page.getByRole('link', { name: 'New message' })).toBeVisible(SLOW);
  await staff.page.getByRole('link', { name: 'New message' }).click();
  await expect(staff.page.getByRole('combobox', { name: 'To' })).toBeVisible(SLOW);
  await staff.page.waitForLoadState('networkidle', SLOW);
  expect(staff.seen).toEqual([]);
  await staff.context.close();
});
