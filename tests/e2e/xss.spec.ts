import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { apiAs, newClient } from './portal-helpers';
import { baseUrl, emailOf, PASSWORD, seeded, SLUG, uniqueSubject } from './support/helpers';
import { corpus, VIEWS_EVERY, type Payload } from './xss/corpus';

/**
 * Issue 11's browser XSS corpus: payloads are sent as message bodies through the API and rendered
 * in real Chromium in the staff thread view, the client's chat and the client's mail view, with the
 * CSP switched off (`bypassCSP`), so the server's sanitizer alone stands between a payload and
 * execution; the whole public list, sanitized the same way (as a draft), is put into a page as the
 * views put bodies (`innerHTML`). Hooks catch any execution: alert/prompt/confirm/print (replaced, and the dialog
 * event), a `__xss` binding, a console marker, the CSP violation event, requests to beacons or to any
 * other site, navigation and pop-ups. Beyond execution, every rendered body may hold only the R5
 * allow-list (tags, `href`/`rel`/`target` on links, links to http, https or mailto only), so a
 * handler that needs a click or a hover cannot hide either.
 */
const payloads = corpus(VIEWS_EVERY);
const everyPayload = corpus(1);
const MARK = (i: number) => `xssmark${i}x`;
const BATCH_CHARS = 20_000;

/** The R5 allow-list as rendered: tag → allowed attributes. */
const ALLOWED: Record<string, string[]> = Object.fromEntries(
  ['P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'S', 'STRIKE', 'DEL', 'UL', 'OL', 'LI', 'BLOCKQUOTE']
    .map((tag) => [tag, [] as string[]])
    .concat([['A', ['href', 'rel', 'target']]]),
);

/**
 * Sends `list` through `send` (which answers with the stored, sanitized body), as many payloads per
 * body as fit in BATCH_CHARS, each after its own marker paragraph. A payload that hides the markers
 * after it (an unclosed `<textarea>`, a comment…) ends its body; those after it go again in the
 * next, so each payload is parsed on its own terms. Returns the stored bodies.
 */
async function sendInBatches(list: Payload[], send: (body: string) => Promise<string>) {
  const stored: string[] = [];
  let next = 0;
  while (next < list.length) {
    const batch: number[] = [];
    let size = 0;
    for (let i = next; i < list.length && (batch.length === 0 || size < BATCH_CHARS); i += 1) {
      batch.push(i);
      size += list[i]!.text.length;
    }
    const body = await send(batch.map((i) => `<p>${MARK(i)}</p>${list[i]!.text}`).join('\n'));
    stored.push(body);
    const kept = batch.findIndex((i) => !body.includes(`<p>${MARK(i)}</p>`));
    expect(kept, `the marker of payload ${next} survives`).not.toBe(0);
    next = kept === -1 ? batch[batch.length - 1]! + 1 : batch[kept]!;
  }
  return stored;
}

/** The views' corpus in one new thread from the provider to the client; its id and message count. */
async function sendCorpus(clientId: string, subject: string) {
  const provider = await apiAs('p1');
  let threadId = '';
  const stored = await sendInBatches(payloads, async (body) => {
    if (threadId) {
      const sent = await provider.post(`/api/threads/${threadId}/messages`, { body });
      expect(sent.status, JSON.stringify(sent.body).slice(0, 300)).toBe(201);
      return sent.body.message.body as string;
    }
    const sent = await provider.post('/api/threads', { to: [{ userId: clientId }], subject, body });
    expect(sent.status, JSON.stringify(sent.body).slice(0, 300)).toBe(201);
    threadId = sent.body.thread.id;
    return sent.body.thread.messages[0].body as string;
  });
  return { threadId, messages: stored.length };
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

test.describe.serial('the XSS corpus', () => {
  let client: { id: string; email: string };
  test.beforeAll(async () => {
    client = await newClient([{ key: 'p1', status: 'current' }], { name: 'Xss Corpus Reader' });
  });

  test(`R5: ${payloads.length} XSS payloads rendered in the staff thread, the client's chat and mail views execute nothing`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
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

  test(`R5: all ${everyPayload.length} payloads, sanitized as a body and put into a page as the views do, execute nothing`, async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const author = await apiAs('xss-reader', client.email);
    const draft = await author.post('/api/drafts', { body: '<p>A draft for the corpus.</p>' });
    expect(draft.status).toBe(201);
    const bodies = await sendInBatches(everyPayload, async (body) => {
      const saved = await author.put(`/api/drafts/${draft.body.draft.id}`, { body });
      return saved.draft.body as string;
    });
    const hits: string[] = [];
    const { context, page } = await watchedContext(browser, client.email, hits);
    // A bare page of the app's origin, so that only the bodies are on it.
    await page.route('**/corpus-page', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Corpus</title><main></main>' }),
    );
    await page.goto('/corpus-page');
    await page.evaluate((html) => {
      for (const body of html) {
        const element = document.createElement('div');
        element.className = 'corpus-body';
        element.innerHTML = body;
        document.querySelector('main')!.append(element);
      }
    }, bodies);
    const { marks, outside } = await rendered(page, '.corpus-body', bodies.length);
    await expectHooksLive(page, hits);
    await context.close();
    test.info().annotations.push({
      type: 'xss corpus',
      description: `${everyPayload.length} payloads in ${bodies.length} bodies, ${hits.length} executions`,
    });
    expect(hits, 'executions').toEqual([]);
    expect(marks, 'every payload rendered').toBe(everyPayload.length);
    expect(outside, 'only the R5 allow-list').toEqual([]);
  });
});
