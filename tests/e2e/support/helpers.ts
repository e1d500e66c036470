import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'otplib';
import { emailOf, PASSWORD, SLUG, TOTP_SECRET } from './fixture';

export {
  emailOf,
  PASSWORD,
  SLUG,
  MFA_SLUG,
  TOTP_SECRET,
  IDLE_SLUG,
  BROOK_TOTP_SECRET,
  OOO_SLUG,
  AGREEMENT_SLUG,
  SEARCH_SLUG,
  TEAM_SLUG,
  REPLIES_SLUG,
} from './fixture';

interface Seeded {
  riverside: { practiceId: string; ids: Record<string, string> };
  harbor: { practiceId: string; ids: Record<string, string> };
  brook: { practiceId: string; ids: Record<string, string> };
  willow: { practiceId: string; ids: Record<string, string> };
  cedar: { practiceId: string; ids: Record<string, string> };
  aspen: { practiceId: string; ids: Record<string, string> };
  maple: { practiceId: string; ids: Record<string, string> };
  birch: { practiceId: string; ids: Record<string, string> };
}

/** Ids of the seeded people by fixture key, e.g. `seeded().riverside.ids.c1`. */
export function seeded(): Seeded {
  const file = process.env.E2E_SEED_FILE;
  if (!file) throw new Error('E2E_SEED_FILE is not set: run through the Playwright config');
  return JSON.parse(readFileSync(file, 'utf8')) as Seeded;
}

/** The server's base URL, e.g. for API calls from a test. */
export function baseUrl(): string {
  return process.env.E2E_BASE_URL ?? '';
}

/** Signs in through the sign-in page; answers the two-factor prompt when `totpSecret` is given. */
export async function signIn(page: Page, slug: string, email: string, password = PASSWORD, totpSecret?: string) {
  await page.goto(`/p/${slug}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totpSecret) {
    await page.getByLabel('Two-factor code').fill(await generate({ secret: totpSecret }));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
  }
  await expect(
    page
      .getByRole('button', { name: 'Sign out' })
      .or(page.getByRole('link', { name: /Messages/ }))
      .first(),
  ).toBeVisible();
}

/** Signs a Riverside person in by fixture key (the two-factor one included). */
export async function signInAs(page: Page, key: string) {
  await signIn(page, SLUG, emailOf(key), PASSWORD, key === 'totp' ? TOTP_SECRET : undefined);
}

/** A fresh browser context and page, signed in as a Riverside person. */
export async function newSignedInPage(browser: Browser, key: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport });
  const page = await context.newPage();
  await signInAs(page, key);
  return { context, page };
}

/** Fails on serious or critical axe violations of the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, label = '') {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations ${label}`).toEqual([]);
}

const screenshotDir = resolve(import.meta.dirname, '../../../docs/screenshots');

/**
 * Writes docs/screenshots/<name>.png: the full page, or with a dialog open the window alone — the
 * page behind a dialog cannot scroll, and a full-page capture would draw the fixed overlay over the
 * first screen only.
 */
export async function screenshot(page: Page, name: string) {
  const hasDialog = (await page.locator('.dialog-backdrop').count()) > 0;
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: !hasDialog });
}

/**
 * The emails the local mailbox holds for an address, read from the server's DATA_DIR file (what
 * `confide mail --to` prints; a process per look is too slow on a busy machine). GET
 * /api/dev/mailbox is for a practice's admins only (R21).
 */
export function mailboxFor(to: string) {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run through the Playwright config');
  const path = join(dataDir, 'mailbox.jsonl');
  if (!existsSync(path)) return [];
  const wanted = to.toLowerCase();
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { to: string; subject: string; text: string; html: string })
    .filter((email) => email.to.toLowerCase() === wanted);
}

/** The first link in the newest email to `to` whose path contains `pathPart`, waiting for it. */
export async function linkFromEmail(to: string, pathPart: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const emails = mailboxFor(to);
    for (const email of emails.reverse()) {
      const match = email.text.match(new RegExp(`https?://\\S*${pathPart}\\S*`));
      if (match) return match[0];
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(`no email to ${to} with a link containing ${pathPart}`);
}

/** Calls the API as the person signed in on `page` (cookie + CSRF token), for quick set-up. */
export async function apiAs<T = any>(
  page: Page,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
) {
  const me = await page.request.get('/api/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(path, {
    method,
    headers: { 'X-CSRF-Token': csrfToken, ...(data === undefined ? {} : { 'Content-Type': 'application/json' }) },
    data: data === undefined ? undefined : JSON.stringify(data),
  });
  const text = await response.text();
  return { status: response.status(), body: (text ? JSON.parse(text) : undefined) as T };
}

/** Starts a thread as the person signed in on `page`; returns its id. */
export async function startThread(
  page: Page,
  toKeys: string[],
  subject: string,
  body = 'Hello, this is a test message.',
) {
  const ids = seeded().riverside.ids;
  const to = toKeys.map((key) => (key.startsWith('group:') ? { group: key.slice(6) } : { userId: ids[key] }));
  const answer = await apiAs<{ thread: { id: string } }>(page, 'POST', '/api/threads', {
    to,
    subject,
    body: `<p>${body}</p>`,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.thread.id;
}

/** A unique subject, so tests sharing the practice never see each other's threads by mistake. */
export function uniqueSubject(prefix: string): string {
  return `${prefix} ${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 100)}`;
}

/** A tiny real PDF: numbered objects, a cross-reference table with true offsets, startxref, %%EOF (R6). */
export function pdfBytes(objects: string[]): Buffer {
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj${object}endobj\n`;
  });
  const xref = pdf.length;
  const rows = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}`;
  pdf += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** A real 1×1 PNG and a tiny real PDF: the server checks content, not names. */
export const files = {
  png: () => ({
    name: 'intake-scan.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
  }),
  pdf: () => ({
    name: 'treatment-plan.pdf',
    mimeType: 'application/pdf',
    buffer: pdfBytes([
      '<</Type/Catalog/Pages 2 0 R>>',
      '<</Type/Pages/Kids[3 0 R]/Count 1>>',
      '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>',
    ]),
  }),
  exe: () => ({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00binary') }),
};
