import { expect, test, type Page } from '@playwright/test';
import { apiAs, expectDisclaimer, newClient, openMessages, screenshotBoth, signInClient } from './portal-helpers';
import { join } from 'node:path';
import { expectNoSeriousA11yViolations, screenshot, seeded } from './support/helpers';

// Issue 17: what a new client tripped over in the portal. Every test makes its own clients
// (newClient), so the specs sharing Riverside never see each other's threads.

const ids = () => seeded().riverside.ids;

/** A staff member (fixture key) starts a thread with the given people; returns its id. */
async function startAs(key: string, to: string[], subject: string, text: string) {
  const staff = await apiAs(key);
  const sent = await staff.post('/api/threads', {
    to: to.map((userId) => ({ userId })),
    subject,
    body: `<p>${text}</p>`,
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return sent.body.thread.id as string;
}

const cards = (page: Page) => page.getByRole('navigation', { name: 'Your providers and contacts' });

test('R23: a client with one provider gets that chat directly, other conversations one click away', async ({
  page,
}) => {
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  await startAs('fo', [client.id], 'Your intake forms', 'Please bring your insurance card on Monday.');
  await startAs('p1', [client.id], 'Before our first session', 'Looking forward to meeting you on Monday.');
  await signInClient(page, client.email);
  await openMessages(page);

  const chat = page.getByRole('region', { name: /Dr. Maya Chen/ });
  await expect(chat).toContainText('Looking forward to meeting you');
  await expect(chat.getByLabel('Message to Dr. Maya Chen')).toBeVisible();
  await expect(cards(page)).toHaveCount(0);
  await expect(page.getByText('Choose a provider')).toHaveCount(0);
  const others = page.getByRole('navigation', { name: 'Other conversations' });
  await expect(others.getByRole('link', { name: /Jordan Lee/ })).toBeVisible();
  await expectDisclaimer(page);
  await page.setViewportSize({ width: 360, height: 740 });
  // The menu's "Messages UNREAD" and the "Other conversations" line fit a phone: no sideways scroll.
  await expect(page.getByRole('navigation', { name: 'Portal menu' })).toContainText('UNREAD');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoSeriousA11yViolations(page, 'one provider');
  await screenshotBoth(page, 'one-provider');

  await others.getByRole('link', { name: /Jordan Lee/ }).click();
  await expect(page.getByRole('region', { name: /Jordan Lee/ })).toContainText('insurance card');
  await expect(page.getByRole('link', { name: /All conversations/ })).toHaveCount(0);
  await others.getByRole('link', { name: /Dr. Maya Chen/ }).click();
  await expect(page.getByRole('region', { name: /Dr. Maya Chen/ })).toContainText('Looking forward to meeting you');
});

test('R23 R8: a provider’s message in a thread with other staff is on that provider’s card', async ({ page }) => {
  const client = await newClient([
    { key: 'p1', status: 'current' },
    { key: 'p2', status: 'past' },
  ]);
  await startAs(
    'p1',
    [client.id, ids().fo!],
    'Scheduling your next sessions',
    'Jordan will send you the new times; I will see you on the 14th.',
  );
  await signInClient(page, client.email);
  await openMessages(page);

  const chen = cards(page).getByRole('link', { name: /Dr. Maya Chen/ });
  await expect(chen).not.toContainText('No messages yet');
  await expect(chen).toContainText('Last message');
  await expect(cards(page).getByRole('link', { name: /Group messages/ })).toBeVisible();
  await chen.click();
  const chat = page.getByRole('region', { name: /Dr. Maya Chen/ });
  await expect(chat).toContainText('I will see you on the 14th');
  await expect(chat).toContainText('In the group message “Scheduling your next sessions” with');
  await expectNoSeriousA11yViolations(page, 'shared thread on the card');
  await screenshotBoth(page, 'shared-on-card');
  await chat.getByRole('link', { name: 'Open the whole conversation' }).click();
  await expect(page.getByRole('heading', { name: /Scheduling your next sessions/ })).toBeVisible();
});

test('R13 R7 R27 seed 000: the client mail view has checkboxes, the client’s actions at the top, and Drafts', async ({
  page,
}) => {
  test.slow(); // several screens and round trips on a busy shared machine
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  await startAs('p1', [client.id], 'Homework for this week', 'Please try the breathing exercise daily.');
  await startAs('p1', [client.id], 'Session notes summary', 'Here is what we covered on Monday.');
  await signInClient(page, client.email);
  await openMessages(page);
  await page.getByRole('button', { name: 'Mail view' }).click();

  const bar = page.getByRole('toolbar', { name: 'Actions on selected threads' });
  await expect(bar.getByRole('button', { name: 'Mark read' })).toBeDisabled();
  // Clients may read, unread, archive and move back to Inbox — never delete (R19).
  await expect(bar.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await page.getByLabel('Select “Homework for this week”').check();
  await page.getByLabel('Select “Session notes summary”').check();
  await expect(bar).toContainText('2 selected');
  await expectNoSeriousA11yViolations(page, 'mail view selected');
  await screenshotBoth(page, 'mail-bulk');
  await bar.getByRole('button', { name: 'Mark read' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 threads marked read.' })).toBeVisible();
  // The selection is cleared after the action, so the next one cannot hit the same threads by mistake.
  await expect(page.getByLabel('Select “Homework for this week”')).not.toBeChecked();
  await expect(bar).toContainText('Select all');
  await expect(page.locator('.portal-row.is-unread')).toHaveCount(0);

  await page.getByLabel('Select “Homework for this week”').check();
  await bar.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByRole('link', { name: /Homework for this week/ })).toHaveCount(0);
  const folders = page.getByRole('navigation', { name: 'Folders' });
  await folders.getByRole('link', { name: 'Archive' }).click();
  await page.getByLabel('Select “Homework for this week”').check();
  await bar.getByRole('button', { name: 'Move to Inbox' }).click();
  await expect(page.getByRole('link', { name: /Homework for this week/ })).toHaveCount(0);
  await folders.getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByRole('link', { name: /Homework for this week/ })).toBeVisible();

  // R7: a new message saved as a draft, listed with its recipient, resumed and sent.
  await page.getByRole('button', { name: 'New message', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByLabel('Select provider').selectOption({ label: 'Dr. Maya Chen — Provider' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Subject').fill('Question about the exercise');
  await page.getByLabel('Your message').fill('Should I do the exercise before bed or in the morning?');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(folders.getByRole('link', { name: 'Drafts' })).toHaveAttribute('aria-current', 'page');
  const drafts = page.getByRole('list', { name: 'Drafts' });
  await expect(drafts.getByRole('link')).toHaveCount(1);
  await expect(drafts.getByRole('link')).toContainText('To Dr. Maya Chen');
  await expect(drafts.getByRole('link')).toContainText('Question about the exercise');
  await expectNoSeriousA11yViolations(page, 'client drafts');
  await screenshotBoth(page, 'mail-drafts');
  await drafts.getByRole('link').click();
  await expect(page.getByLabel('Your message')).toHaveValue('Should I do the exercise before bed or in the morning?');
  await page.getByLabel('Your message').fill('Should I do the exercise before bed or in the morning? Thanks!');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: /Question about the exercise/ })).toBeVisible();
  await expect(page.getByText('Thanks!')).toBeVisible();
  await page.getByRole('link', { name: 'All messages' }).click();
  await folders.getByRole('link', { name: 'Drafts' }).click();
  await expect(page.getByText('No drafts.')).toBeVisible();

  // "Delete draft" removes a resumed draft.
  await page.getByRole('button', { name: 'New message', exact: true }).click();
  await dialog.getByLabel('Select provider').selectOption({ label: 'Dr. Maya Chen — Provider' });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Your message').fill('Never mind, I found the answer.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('list', { name: 'Drafts' }).getByRole('link').click();
  await page.getByRole('button', { name: 'Delete draft' }).click();
  await expect(page.getByText('No drafts.')).toBeVisible();

  // A reply saved as a draft waits in its thread and in Drafts, and is sent from there.
  await folders.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('link', { name: /Homework for this week/ }).click();
  await page.getByLabel('Your reply').fill('I tried it twice so far, it helps a little.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved. It waits here and in Drafts.')).toBeVisible();
  await page.getByRole('link', { name: 'All messages' }).click();
  await folders.getByRole('link', { name: 'Drafts' }).click();
  await page.getByRole('list', { name: 'Drafts' }).getByRole('link', { name: /Reply/ }).click();
  await expect(page.getByLabel('Your reply')).toHaveValue('I tried it twice so far, it helps a little.');
  await expect(page.getByText('Your saved draft is in the text field below.')).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('.portal-bubble-row.is-mine', { hasText: 'it helps a little' })).toHaveCount(1);
  await expect(page.getByLabel('Your reply')).toHaveValue('');
  await expectDisclaimer(page);
});

test('R24 R25 issue 17: chat on a phone — Send in view, Ctrl+Enter sends (and says so), the newest in view, dates', async ({
  page,
}) => {
  test.slow(); // a dozen messages to set the stage on a busy shared machine
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  const thread = await startAs('p1', [client.id], 'Weekly check-in', 'How has your week been so far?');
  const p1 = await apiAs('p1');
  for (let i = 1; i <= 10; i++) {
    const sent = await p1.post(`/api/threads/${thread}/messages`, {
      body: `<p>Reminder number ${i} for this week.</p>`,
    });
    expect(sent.status).toBe(201);
  }
  // The browser's clock a day ahead: today's messages are "Yesterday" to it, so the date shows.
  await page.clock.install({ time: new Date(Date.now() + 24 * 60 * 60 * 1000) });
  await page.setViewportSize({ width: 360, height: 740 });
  await signInClient(page, client.email);
  await openMessages(page);

  const composer = page.getByRole('form', { name: 'Write a message' });
  await expect(composer.getByRole('button', { name: 'Send' })).toBeInViewport();
  await expect(composer).toContainText('Ctrl+Enter (⌘+Enter on a Mac) sends');
  await expect(page.locator('.portal-day').first()).toHaveText('Yesterday');
  const field = composer.getByLabel('Message to Dr. Maya Chen');
  await field.fill('It has been a good week,');
  await field.press('Enter');
  await field.pressSequentially('thank you for asking.');
  await expect(field).toHaveValue('It has been a good week,\nthank you for asking.');
  await field.press('Control+Enter');
  const mine = page.locator('.portal-bubble-row.is-mine').last();
  await expect(mine).toContainText('thank you for asking');
  await expect(mine).toContainText('Sent');
  await expect(mine).toBeInViewport();
  const atEnd = await page
    .locator('.portal-timeline')
    .evaluate((box) => box.scrollTop + box.clientHeight >= box.scrollHeight - 2);
  expect(atEnd).toBe(true);
  await expect(composer.getByRole('button', { name: 'Send' })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page, 'chat on a phone');
  // The screen as the person sees it (a full-page capture would stretch the window-sized chat).
  await page.screenshot({ path: join(import.meta.dirname, '../../docs/screenshots/portal-chat-send-360.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(composer.getByRole('button', { name: 'Send' })).toBeInViewport();
  await screenshot(page, 'portal-chat-send-desktop');
});

test('R6 issue 17: a file just over 10 MB is refused with enough digits to see the difference', async ({ page }) => {
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  await signInClient(page, client.email);
  await page.goto(`/p/riverside/messages/with/${ids().p1}`);
  const composer = page.getByRole('form', { name: 'Write a message' });
  await composer
    .locator('input[type=file]')
    .setInputFiles([{ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10_485_869, 0x20) }]);
  const alert = composer.getByRole('alert').first();
  await expect(alert).toContainText('10.0001 MB, 10,485,869 bytes');
  await expect(alert).toContainText('at most 10 MB (10,485,760 bytes)');
  await expect(alert).not.toContainText('10.0 MB');
  await expectNoSeriousA11yViolations(page, 'file just over the limit');
  await screenshotBoth(page, 'file-over-limit');
});

test('R22 R26 issue 17: a tall portal page keeps the sidebar full height; the disclaimer reads "call or text 988"', async ({
  page,
}) => {
  const client = await newClient([{ key: 'p1', status: 'current' }]);
  await signInClient(page, client.email);
  await openMessages(page);
  const disclaimer = page.getByRole('complementary', { name: /urgent help/ });
  await expect(disclaimer).toContainText('In crisis, call or text 988, or chat at 988lifeline.org');
  await expect(disclaimer).not.toContainText('(text 988)');
  await page.getByRole('link', { name: 'Account' }).first().click();
  await expect(page).toHaveTitle('Account · Confide');
  const sizes = await page.evaluate(() => ({
    page: document.documentElement.scrollHeight,
    window: window.innerHeight,
    sidebar: document.querySelector('.portal-sidebar')!.getBoundingClientRect().height,
  }));
  expect(sizes.page).toBeGreaterThan(sizes.window);
  expect(sizes.sidebar).toBeGreaterThanOrEqual(sizes.page - 1);
});
