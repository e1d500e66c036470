import { expect, test, type Browser } from '@playwright/test';
import { openMessages, screenshotBoth } from './portal-helpers';
import {
  apiAs,
  baseUrl,
  expectNoSeriousA11yViolations,
  screenshot,
  SEARCH_SLUG,
  seeded,
  signIn,
} from './support/helpers';

test.describe.configure({ timeout: 240_000 });

const email = (key: string) => `${key}@${SEARCH_SLUG}.example`;

/** An Aspen Grove person (this spec's own practice) signed in on a fresh page. */
async function signedIn(browser: Browser, key: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport });
  const page = await context.newPage();
  await signIn(page, SEARCH_SLUG, email(key));
  return { context, page };
}

/**
 * The provider's threads both tests search: a group with both clients, one with Maya alone —
 * written once per run (a test that runs again, or the other test, finds them by subject).
 */
async function seedThreads(browser: Browser) {
  const { context, page } = await signedIn(browser, 'p1');
  const ids = seeded().aspen.ids;
  const send = async (to: string[], subject: string, body: string) => {
    const found = await apiAs<{ results: { threadId: string; subject: string }[] }>(
      page,
      'GET',
      `/api/search?q=${encodeURIComponent(subject)}`,
    );
    const existing = found.body.results.find((r) => r.subject === subject);
    if (existing) return existing.threadId;
    const answer = await apiAs<{ thread: { id: string } }>(page, 'POST', '/api/threads', {
      to: to.map((key) => ({ userId: ids[key] })),
      subject,
      body: `<p>${body}</p>`,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.thread.id;
  };
  const threads = {
    group: await send(['c1', 'c2'], 'Spring group schedule', 'The group meets on Tuesdays at six in room four.'),
    refill: await send(['c1'], 'Pharmacy', 'Your médication refill is ready; pick it up on Friday.'),
  };
  await context.close();
  return threads;
}

test('R44: staff search the mailbox by message words across accents and by client name, from the keyboard; a result opens its thread', async ({
  browser,
}) => {
  const { refill, group } = await seedThreads(browser);
  const { context, page } = await signedIn(browser, 'p1');
  await page.goto(`/p/${SEARCH_SLUG}/mail/inbox`);
  const box = page.getByRole('search');
  await box.getByLabel('Search messages').fill('MEDICATION');
  await box.getByLabel('Search messages').press('Enter');
  const results = page.getByRole('region', { name: 'Search results' });
  const hits = results.getByRole('listitem');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('Pharmacy');
  await expect(hits.first()).toContainText('Your médication refill is ready');
  await expect(hits.first().locator('mark')).toHaveText('médication');
  await expect(results.getByRole('status')).toHaveText('1 results');
  await expectNoSeriousA11yViolations(page, 'staff search results');
  await screenshot(page, 'staff-search-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'staff-search-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // By a client's name: both of Maya's threads, each saying who matched.
  await box.getByLabel('Search messages').fill('maya');
  await box.getByRole('button', { name: 'Search' }).click();
  await expect(hits).toHaveCount(2);
  await expect(hits.filter({ hasText: 'With Maya Torres' })).toHaveCount(2);

  // Keyboard: Tab from the field reaches the results; Enter opens the thread.
  await box.getByLabel('Search messages').fill('refill');
  await box.getByLabel('Search messages').press('Enter');
  await expect(hits).toHaveCount(1);
  const link = hits.first().getByRole('link');
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/threads/${refill}$`));
  await expect(page.getByRole('heading', { name: 'Pharmacy' })).toBeVisible();
  expect(page.url()).not.toContain('refill');

  // Back in the mailbox the search is still there; Clear ends it, and so does choosing a folder.
  await page.goBack();
  await expect(hits).toHaveCount(1);
  await box.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('region', { name: 'Search results' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Your inbox is clear' })).toBeVisible();
  await box.getByLabel('Search messages').fill('spring');
  await box.getByLabel('Search messages').press('Enter');
  await expect(hits).toHaveCount(1);
  await page.getByRole('link', { name: 'Sent', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Search results' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Spring group schedule/ }).first()).toBeVisible();
  expect(group).not.toBe(refill);
  await context.close();
});

test('R44 R36: a client searches in the chat and the mail layout; the other client of a group thread is never found', async ({
  browser,
}) => {
  const { group } = await seedThreads(browser);
  const { context, page } = await signedIn(browser, 'c2');
  await openMessages(page);
  const box = page.getByRole('search');
  const field = box.getByLabel('Search messages');
  const results = page.getByRole('region', { name: 'Search results' });
  const hits = results.getByRole('listitem');

  // R36: Owen shares the group thread with Maya, yet searching her name finds nothing.
  await field.fill('Maya Torres');
  await field.press('Enter');
  await expect(results.getByRole('heading', { name: 'Nothing found' })).toBeVisible();
  await expect(hits).toHaveCount(0);

  await field.fill('group tuesdays');
  await field.press('Enter');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('Spring group schedule');
  await expect(hits.first()).toContainText('The group meets on Tuesdays');
  await expect(results).not.toContainText('Maya');
  await expectNoSeriousA11yViolations(page, 'portal search, chat layout');
  await screenshotBoth(page, 'search-chat');

  // A staff member is found by name.
  await field.fill('Nina Park');
  await field.press('Enter');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('With Dr. Nina Park');
  await hits.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/thread/${group}$`));
  await expect(page.getByText('The group meets on Tuesdays')).toBeVisible();

  // The mail layout has the same box and the same results.
  await openMessages(page);
  await page.getByRole('button', { name: 'Mail view' }).click();
  await field.fill('schedule');
  await field.press('Enter');
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('Spring group schedule');
  await expect(hits.first()).toContainText('The group meets on Tuesdays');
  await expectNoSeriousA11yViolations(page, 'portal search, mail layout');
  await screenshotBoth(page, 'search-mail');
  await box.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('region', { name: 'Search results' })).toHaveCount(0);
  await context.close();
});
