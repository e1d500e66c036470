import { expect, request, type Page } from '@playwright/test';
import { baseUrl, emailOf, linkFromEmail, PASSWORD, pdfBytes, screenshot, seeded, SLUG } from './support/helpers';

/**
 * An API session of a Riverside person (cookie + CSRF), for setting the stage and acting as staff.
 * One per person for the worker's life: signing in on every call would run into the server's
 * per-account sign-in limit (R28) when specs run side by side.
 */
export function apiAs(key: string, email = emailOf(key)) {
  let session = sessions.get(email);
  if (!session) {
    session = openSession(key, email);
    sessions.set(email, session);
  }
  return session;
}

const sessions = new Map<string, ReturnType<typeof openSession>>();

async function openSession(key: string, email: string) {
  const ctx = await request.newContext({ baseURL: baseUrl() });
  const login = await ctx.post('/api/auth/login', { data: { practice: SLUG, email, password: PASSWORD } });
  expect(login.status(), `login ${key}`).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  return {
    get: async (path: string) => (await ctx.get(path)).json(),
    post: async (path: string, data: unknown) => {
      const response = await ctx.post(path, { data, headers });
      const body: any = await response.json().catch(() => null);
      return { status: response.status(), body };
    },
    put: async (path: string, data: unknown) => (await ctx.put(path, { data, headers })).json(),
  };
}

let counter = 0;

/**
 * A fresh portal client (tests share one server, so each journey gets its own person):
 * added and invited by the admin, care team set; the password is set through the invitation.
 */
export async function newClient(
  providers: { key: string; status: 'current' | 'past' }[],
  options: { status?: 'active' | 'inactive'; acceptInvitation?: boolean; name?: string } = {},
) {
  counter += 1;
  const email = `portal-${process.pid}-${Date.now().toString(36)}-${counter}@riverside.example`;
  const admin = await apiAs('admin');
  const created = await admin.post('/api/admin/clients', {
    name: options.name ?? `Portal Client ${counter}`,
    email,
    portal: true,
    status: options.status ?? 'active',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.client.id as string;
  const ids = seeded().riverside.ids;
  await admin.put(`/api/admin/clients/${id}/care-team`, {
    providers: providers.map((p) => ({ id: ids[p.key], status: p.status })),
  });
  const link = await linkFromEmail(email, '/invitation');
  if (options.acceptInvitation !== false) {
    const token = new URL(link).hash.replace('#token=', '');
    const ctx = await request.newContext({ baseURL: baseUrl() });
    const accepted = await ctx.post('/api/auth/invitation/accept', { data: { token, password: PASSWORD } });
    expect(accepted.status()).toBe(200);
    await ctx.dispose();
  }
  return { id, email, link };
}

/** Signs a client in through the sign-in page and waits for the portal menu. */
export async function signInClient(page: Page, email: string) {
  await page.goto(`/p/${SLUG}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Portal menu' })).toBeVisible();
}

/** The portal's sidebar menu. */
export function menu(page: Page) {
  return page.getByRole('navigation', { name: 'Portal menu' });
}

/** Opens Messages from the sidebar menu. */
export async function openMessages(page: Page) {
  await menu(page)
    .getByRole('link', { name: /Messages/ })
    .click();
  await expect(page).toHaveTitle('Messages · Confide');
}

/** The R26 disclaimer: 911, call or text 988, chat, Veterans and Spanish options, all as links. */
export async function expectDisclaimer(page: Page) {
  const disclaimer = page.getByRole('complementary', { name: /urgent help/ });
  await expect(disclaimer).toBeVisible();
  await expect(disclaimer).toContainText('not for urgent matters');
  await expect(disclaimer.getByRole('link', { name: '911' })).toHaveAttribute('href', 'tel:911');
  await expect(disclaimer.getByRole('link', { name: 'Call 988', exact: true })).toHaveAttribute('href', 'tel:988');
  await expect(disclaimer.getByRole('link', { name: 'text 988', exact: true })).toHaveAttribute('href', 'sms:988');
  await expect(disclaimer.getByRole('link', { name: '988lifeline.org' })).toHaveAttribute(
    'href',
    'https://988lifeline.org/chat/',
  );
  await expect(disclaimer.getByRole('link', { name: 'text 838255' })).toHaveAttribute('href', 'sms:838255');
  await expect(disclaimer.getByRole('link', { name: 'envíe AYUDA al 988' })).toHaveAttribute(
    'href',
    'sms:988?body=AYUDA',
  );
  await expect(disclaimer).toContainText('1-800-273-8255');
}

/** A screenshot at phone width (360×740) and at desktop width. */
export async function screenshotBoth(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(150);
  await screenshot(page, `portal-${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(150);
  await screenshot(page, `portal-${name}-desktop`);
  if (size) await page.setViewportSize(size);
}

/** Small valid files: a PDF and a PNG (the server checks content, not just the name). */
export const samplePdf = {
  name: 'worksheet.pdf',
  mimeType: 'application/pdf',
  buffer: pdfBytes(['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[]/Count 0>>']),
};
export const samplePng = {
  name: 'mood-chart.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPj/HwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  ),
};
export const sampleExe = { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00') };
export const renamedExe = {
  name: 'notes.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00this is not a pdf'),
};
