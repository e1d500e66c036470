import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  apiAs,
  baseUrl,
  expectNoSeriousA11yViolations,
  REPLIES_SLUG,
  screenshot,
  seeded,
  signIn,
} from './support/helpers';

test.describe.configure({ timeout: 240_000 });

const email = (key: string) => `${key}@${REPLIES_SLUG}.example`;

/** A Birch Lane person (this spec's own practice) signed in on a fresh browser context. */
async function signedIn(browser: Browser, key: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport });
  const page = await context.newPage();
  await signIn(page, REPLIES_SLUG, email(key));
  return { context, page };
}

/** A new thread from the provider to the client (a unique subject per call). */
async function threadToClient(page: Page, subject: string) {
  const ids = seeded().birch.ids;
  const answer = await apiAs<{ thread: { id: string } }>(page, 'POST', '/api/threads', {
    to: [{ userId: ids.c1 }],
    subject,
    body: '<p>Checking in before our session on Thursday.</p>',
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.thread.id;
}

test('R45: a staff member saves a reply and inserts it from the editor toolbar with the placeholders filled', async ({
  browser,
}) => {
  const { context, page } = await signedIn(browser, 'p1');
  const title = `Running late ${Date.now().toString(36)}`;
  await page.getByRole('link', { name: 'Saved replies' }).click();
  await expect(page.getByRole('heading', { name: 'Saved replies', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New saved reply' }).click();
  const dialog = page.getByRole('dialog', { name: 'New saved reply' });
  await dialog.getByLabel('Title').fill(title);
  const text = dialog.getByRole('textbox', { name: 'Text of the saved reply' });
  await text.click();
  await expect(text).toBeFocused();
  await text.pressSequentially(
    'Hi {client.firstName}, this is {staff.name} at {practice.name}. Running 10 minutes late.',
  );
  await expectNoSeriousA11yViolations(page, 'new saved reply dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const item = page.getByRole('listitem').filter({ hasText: title });
  await expect(item).toContainText('Hi {client.firstName}, this is {staff.name}');
  await expectNoSeriousA11yViolations(page, 'saved replies page');
  await screenshot(page, 'saved-replies-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'saved-replies-phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Replying to a thread with one client: the client's first name, the provider and the practice go in.
  const threadId = await threadToClient(page, `Thursday ${Date.now().toString(36)}`);
  await page.goto(`/p/${REPLIES_SLUG}/threads/${threadId}`);
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  const reply = page.getByRole('form', { name: 'Reply' });
  const editor = reply.getByRole('textbox', { name: 'Your reply' });
  await expect(editor).toBeFocused();
  await reply.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Saved replies' }).click();
  const picker = page.getByRole('dialog', { name: 'Insert a saved reply' });
  await expect(picker.getByRole('button', { name: new RegExp(title) })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'saved reply picker');
  await screenshot(page, 'saved-reply-picker-desktop');
  await picker.getByRole('button', { name: new RegExp(title) }).click();
  await expect(picker).toBeHidden();
  await expect(editor).toContainText('Hi Jordan, this is Dr. Sam Cole at Birch Lane Therapy. Running 10 minutes late.');
  await expect(editor).not.toContainText('{');
  await expectNoSeriousA11yViolations(page, 'reply with a saved reply');
  await screenshot(page, 'saved-reply-inserted-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'saved-reply-inserted-phone');

  // Sent as written: the client reads the filled-in text.
  await reply.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'Hi Jordan, this is Dr. Sam Cole' })).toBeVisible();
  await context.close();
});

test('R47: the sender sees a receipt turn to "Read" live when the client opens the message; the client sees theirs', async ({
  browser,
}) => {
  const staff = await signedIn(browser, 'p1');
  const subject = `Forms ${Date.now().toString(36)}`;
  const threadId = await threadToClient(staff.page, subject);
  await staff.page.goto(`/p/${REPLIES_SLUG}/threads/${threadId}`);
  const receipts = staff.page.getByRole('article').first().getByLabel('Read receipts');
  await expect(receipts).toContainText('Jordan Lee Not read yet');
  await expectNoSeriousA11yViolations(staff.page, 'thread with an unread receipt');

  // The client opens the conversation in another browser; the provider's page is not reloaded.
  const client = await signedIn(browser, 'c1');
  await client.page.goto(`/p/${REPLIES_SLUG}/messages/thread/${threadId}`);
  await expect(client.page.getByText('Checking in before our session on Thursday.')).toBeVisible();
  await expect(receipts).toContainText(/Jordan Lee Read \S/, { timeout: 30_000 });
  await expectNoSeriousA11yViolations(staff.page, 'thread with a read receipt');
  await screenshot(staff.page, 'read-receipt-desktop');
  await staff.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(staff.page, 'read-receipt-phone');

  // Birch Lane shows clients their receipts: the client's reply turns "Read" once the provider opens
  // it. The provider leaves the thread first (an open thread reads what arrives in it at once).
  await staff.page.setViewportSize({ width: 1280, height: 800 });
  await staff.page.goto(`/p/${REPLIES_SLUG}/mail/inbox`);
  const clientApi = await apiAs<{ message: { id: string } }>(client.page, 'POST', `/api/threads/${threadId}/messages`, {
    body: '<p>Thank you, I will bring the forms.</p>',
  });
  expect(clientApi.status).toBe(201);
  await client.page.reload();
  const own = client.page.getByRole('listitem').filter({ hasText: 'Thank you, I will bring the forms.' });
  await expect(own.getByLabel('Read receipts')).toContainText('Not read yet');
  await staff.page.goto(`/p/${REPLIES_SLUG}/threads/${threadId}`);
  await expect(staff.page.getByText('Thank you, I will bring the forms.')).toBeVisible();
  await expect(own.getByLabel('Read receipts')).toContainText(/Dr\. Sam Cole Read \S/, { timeout: 30_000 });
  await expectNoSeriousA11yViolations(client.page, 'client thread with a read receipt');
  await screenshot(client.page, 'read-receipt-client-desktop');
  await client.page.setViewportSize({ width: 360, height: 740 });
  await screenshot(client.page, 'read-receipt-client-phone');
  await staff.context.close();
  await client.context.close();
});

test('R45: an admin keeps a practice reply that colleagues insert; with no client, {client.firstName} stays and the editor says so', async ({
  browser,
}) => {
  const admin = await signedIn(browser, 'admin');
  const title = `Office hours ${Date.now().toString(36)}`;
  await admin.page.goto(`/p/${REPLIES_SLUG}/saved-replies`);
  await admin.page.getByRole('button', { name: 'New saved reply' }).click();
  const dialog = admin.page.getByRole('dialog', { name: 'New saved reply' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Who can use it').selectOption('practice');
  const text = dialog.getByRole('textbox', { name: 'Text of the saved reply' });
  await text.click();
  await expect(text).toBeFocused();
  await text.pressSequentially('Dear {client.firstName}, {practice.name} is open 9 to 5 on weekdays.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    admin.page.getByRole('region', { name: 'Practice' }).getByRole('listitem').filter({ hasText: title }),
  ).toBeVisible();
  await admin.context.close();

  // A provider sees it among the practice's, cannot change it, and inserts it into a message to a colleague.
  const { context, page } = await signedIn(browser, 'p1');
  await page.goto(`/p/${REPLIES_SLUG}/saved-replies`);
  const item = page.getByRole('region', { name: 'Practice' }).getByRole('listitem').filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(item.getByRole('button', { name: `Edit ${title}` })).toHaveCount(0);
  await page.goto(`/p/${REPLIES_SLUG}/compose`);
  const to = page.getByRole('combobox', { name: 'To' });
  await to.fill('Iris');
  await page.getByRole('option', { name: /Iris Bell/ }).click();
  const editor = page.getByRole('textbox', { name: 'Message' });
  await editor.click();
  await expect(editor).toBeFocused();
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Saved replies' }).click();
  const picker = page.getByRole('dialog', { name: 'Insert a saved reply' });
  await picker
    .getByRole('region', { name: 'Practice saved replies' })
    .getByRole('button', { name: new RegExp(title) })
    .click();
  await expect(editor).toContainText('Dear {client.firstName}, Birch Lane Therapy is open 9 to 5 on weekdays.');
  await expect(page.getByRole('status').filter({ hasText: 'was left as written' })).toContainText(
    '{client.firstName} was left as written: this message does not have exactly one client.',
  );
  await expectNoSeriousA11yViolations(page, 'compose with an unfilled placeholder');
  await screenshot(page, 'saved-reply-unfilled-desktop');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'saved-reply-unfilled-phone');
  await context.close();
});
