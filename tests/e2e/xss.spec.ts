import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { apiAs, newClient } from './portal-helpers';
import { baseUrl, emailOf, PASSWORD, seeded, SLUG, uniqueSubject } from './support/helpers';
import { corpus } from './xss/corpus';

/**
 * Issue 11's browser XSS corpus: every payload is sent as a message body through the API and
 * rendered in real Chromium in the staff thread view, the client's chat and the client's mail view,
 * with the CSP switched off (`bypassCSP`), so the server's sanitizer alone stands between a payload
 * and execution. Hooks catch any execution: alert/prompt/confirm/print (replaced, and the dialog
 * event), a `__xss` binding, a console marker, the CSP violation event, requests to beacons or to any
 * other site, navigation and pop-ups. Beyond execution, every rendered body may hold only the R5
 * allow-list (tags, `href`/`rel`/`target` on links, links to http, https or mailto only), so a
 * handler that needs a click or a hover cannot hide either.
 */
const payloads = corpus();
const MARK = (i: number) => `xssmark${i}x`;
const BATCH_CHARS = 20_000;

/** The R5 allow-list as rendered: tag → allowed attributes. */
const ALLOWED: Record<string, string[]> = Object.fromEntries(
  ['P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'S', 'STRIKE', 'DEL', 'UL', 'OL', 'LI', 'BLOCKQUOTE']
    .map((tag) => [tag, [] as string[]])
    .concat([['A', ['href', 'rel', 'target']]]),
);

/**
 * Sends the corpus into one new thread from the provider to `clientId`, as many payloads per message
 * as fit in BATCH_CHARS, each after its own marker paragraph. A payload that hides the markers after
 * it (an unclosed `<textarea>`, a comment…) ends its message; those after it go again in the next, so
 * each payload is parsed on its own terms. Returns the thread id and the number of messages.
 */
async function sendCorpus(clientId: string, subject: string) {
  const provider = await apiAs('p1');
  let threadId = '';
  let messages = 0;
  let next = 0;
  while (next < payloads.length) {
    const batch: number[] = [];
    let size = 0;
    for (let i = next; i < payloads.length && (batch.length === 0 || size < BATCH_CHARS); i += 1) {
      batch.push(i);
      size += payloads[i]!.text.length;
    }
    const body = batch.map((i) => `<p>${MARK(i)}</p>${payloads[i]!.text}`).join('\n');
    const sent = threadId
      ? await provider.post(`/api/threads/${threadId}/messages`, { body })
      : await provider.post('/api/threads', { to: [{ userId: clientId }], subject, body });
    expect(sent.status, JSON.stringify(sent.body).slice(0, 300)).toBe(201);
    const stored: string = threadId ? sent.body.message.body : sent.body.thread.messages[0].body;
    threadId ||= sent.body.thread.id;
    messages += 1;
    const kept = batch.findIndex((i) => !stored.includes(`<p>${MARK(i)}</p>`));
    expect(kept, `the marker of payload ${next} survives`).not.toBe(0);
    next = kept === -1 ? batch[batch.length - 1]! + 1 : batch[kept]!;
  }
  return { threadId, messages };
}

/** A browser context signed in through the API, with the CSP off and every execution hook on. */
async function watchedContext(browser: Browser, email: string, hits: string[]) {
  const context = await browser.newContext({ baseURL: baseUrl(), bypassCSP: true });
  const login = await context.request.post('/api/auth/login', { data: { practice: SLUG, email, password: PASSWORD } });
  expect(login.status()).toBe(200);
  await context.exposeBinding('__xss', (_source, what: unknown) => {
    hits.push(`__xss(${String(what)})`);
  });
  await context.addInitScript(() => {
    const report = (what: string) => (window as unknown as { __xss: (what: string) => void }).__xss(what);
    for (const name of ['alert', 'prompt', 'confirm', 'print'] as const) {
      Object.defineProperty(window, name, {
        value: (...args: unknown[]) => report(`${name}(${args.map(String).join(',')})`),
      });
    }
    document.addEventListener('securitypolicyviolation', (event) =>
      report(`csp ${event.violatedDirective} ${event.sample}`),
    );
  });
  const page = await context.newPage();
  watchPage(page, hits);
  return { context, page };
}

/** Dialogs, console markers, beacons, off-site requests, navigation away and pop-ups. */
function watchPage(page: Page, hits: string[]) {
  const app = new URL(baseUrl()).host;
  page.on('dialog', (dialog) => {
    hits.push(`dialog ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.text().includes('xss-fired')) hits.push(`console ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.host !== app || url.pathname.includes('xss')) hits.push(`request ${request.url()}`);
  });
  page.on('framenavigated', (frame) => {
    if (new URL(frame.url()).host !== app) hits.push(`navigated ${frame.url()}`);
  });
  page.on('popup', (popup) => hits.push(`popup ${popup.url()}`));
}

/** The hooks are live on this page: its own alert, beacon and console marker reach them. */
async function expectHooksLive(page: Page, hits: string[]) {
  await page.evaluate(() => {
    window.alert('probe');
    void fetch('/xss-beacon/probe');
    console.log('xss-fired-probe');
  });
  const beacon = new URL('/xss-beacon/probe', baseUrl()).href;
  const probes = ['__xss(alert(probe))', `request ${beacon}`, 'console xss-fired-probe'];
  await expect.poll(() => probes.every((probe) => hits.includes(probe))).toBe(true);
  hits.splice(0, hits.length, ...hits.filter((hit) => !probes.includes(hit)));
}

/**
 * Waits until all `messages` bodies are on the page and a second has passed for load, error,
 * toggle and animation events; returns the payload markers rendered and anything outside the
 * allow-list.
 */
async function rendered(page: Page, selector: string, messages: number) {
  await expect(page.locator(selector)).toHaveCount(messages, { timeout: 60_000 });
  await page.waitForTimeout(1_000);
  return page.evaluate(
    ({ selector, allowed }) => {
      const outside: string[] = [];
      const marks = new Set<string>();
      for (const body of Array.from(document.querySelectorAll(selector))) {
        for (const element of Array.from(body.querySelectorAll('*'))) {
          const attributes = allowed[element.tagName];
          const html = element.outerHTML.slice(0, 160);
          if (!attributes) {
            outside.push(`tag: ${html}`);
            continue;
          }
          for (const attribute of Array.from(element.attributes)) {
            if (!attributes.includes(attribute.name)) outside.push(`attribute ${attribute.name}: ${html}`);
          }
          // An href the URL parser refuses (protocol ':') leads nowhere; anything else must be http(s) or mailto.
          if (element instanceof HTMLAnchorElement && element.hasAttribute('href')) {
            if (!['http:', 'https:', 'mailto:', ':'].includes(element.protocol)) outside.push(`link: ${html}`);
          }
        }
        for (const match of (body.textContent ?? '').matchAll(/xssmark\d+x/g)) marks.add(match[0]);
      }
      return { outside, marks: marks.size };
    },
    { selector, allowed: ALLOWED },
  );
}

test(`R5: ${payloads.length} XSS payloads rendered in the staff thread, the client's chat and mail views execute nothing`, async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const client = await newClient([{ key: 'p1', status: 'current' }], { name: 'Xss Corpus Reader' });
  const { threadId, messages } = await sendCorpus(client.id, uniqueSubject('XSS corpus'));
  const hits: string[] = [];
  const contexts: BrowserContext[] = [];
  const views: { view: string; marks: number; outside: string[] }[] = [];

  const staff = await watchedContext(browser, emailOf('p1'), hits);
  contexts.push(staff.context);
  await staff.page.goto(`/p/${SLUG}/threads/${threadId}`);
  views.push({ view: 'staff thread', ...(await rendered(staff.page, '.message-body', messages)) });
  await expectHooksLive(staff.page, hits);

  const portal = await watchedContext(browser, client.email, hits);
  contexts.push(portal.context);
  await portal.page.goto(`/p/${SLUG}/messages/with/${seeded().riverside.ids.p1}`);
  views.push({ view: 'client chat', ...(await rendered(portal.page, '.portal-bubble-body', messages)) });
  await expectHooksLive(portal.page, hits);

  await portal.page.evaluate(() => window.localStorage.setItem('confide.portal.layout', 'mail'));
  await portal.page.goto(`/p/${SLUG}/messages/thread/${threadId}`);
  await expect(portal.page.getByRole('button', { name: 'Chat view' })).toBeVisible();
  views.push({ view: 'client mail', ...(await rendered(portal.page, '.portal-bubble-body', messages)) });
  await expectHooksLive(portal.page, hits);

  for (const context of contexts) await context.close();
  const renderings = views.reduce((sum, view) => sum + view.marks, 0);
  test.info().annotations.push({
    type: 'xss corpus',
    description: `${payloads.length} payloads in ${messages} messages × ${views.length} views = ${renderings} renderings, ${hits.length} executions`,
  });
  expect(hits, 'executions').toEqual([]);
  for (const view of views) {
    expect(view.marks, `${view.view}: every payload rendered`).toBe(payloads.length);
    expect(view.outside, `${view.view}: only the R5 allow-list`).toEqual([]);
  }
});
