import { expect, test, type Page } from '@playwright/test';
import {
  apiAs,
  expectNoSeriousA11yViolations,
  files,
  newSignedInPage,
  screenshot,
  signInAs,
  startThread,
  uniqueSubject,
} from './support/helpers';

const unreadBadge = (page: Page) => page.getByRole('link', { name: /^Messages, / });

test('R1 R6 R12 R20: compose to a group and a client with two attachments; the badge rises live', async ({
  browser,
  page,
}) => {
  const frontOffice = await newSignedInPage(browser, 'fo');
  await expect(unreadBadge(frontOffice.page)).toBeVisible();
  // Other specs may write to the front office at the same time: compare counts, not exact labels.
  const countOf = async (page: Page) =>
    Number((await unreadBadge(page).getAttribute('aria-label'))?.match(/(\d+) unread/)?.[1] ?? 0);
  const beforeCount = await countOf(frontOffice.page);

  await signInAs(page, 'p1');
  await page.getByRole('link', { name: 'New message' }).click();
  await expect(page).toHaveTitle('New message · Confide');
  const to = page.getByRole('combobox', { name: 'To' });
  await to.fill('front');
  await page.getByRole('option', { name: /All front office/ }).click();
  await to.fill('Avery');
  await page.getByRole('option', { name: /Avery Brooks/ }).click();
  await expect(page.getByRole('list', { name: 'Recipients' }).getByText('All front office')).toBeVisible();
  const subject = uniqueSubject('Intake paperwork');
  await page.getByLabel('Subject').fill(subject);
  const editor = page.getByRole('textbox', { name: 'Message' });
  await editor.click();
  await page.keyboard.type('Hi Avery, ');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('please review');
  await page.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type(' the attached plan before Tuesday.');
  await page.locator('input[type=file]').setInputFiles([files.png(), files.pdf(), files.exe()]);
  await expect(page.getByText('“setup.exe” was not attached: only .pdf')).toBeVisible();
  await expect(page.getByText('Attached', { exact: true })).toHaveCount(2);
  await page.getByRole('button', { name: 'Remove setup.exe' }).click();
  await expect(page.getByText(/Draft saved at/)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'compose');
  await screenshot(page, 'compose');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();

  // The front office's badge rises without a reload.
  await expect.poll(() => countOf(frontOffice.page)).toBeGreaterThan(beforeCount);
  const raised = await countOf(frontOffice.page);
  await frontOffice.page.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(frontOffice.page.getByText('please review')).toBeVisible();
  await expect(frontOffice.page.locator('strong', { hasText: 'please review' })).toBeVisible();
  await expect(frontOffice.page.getByRole('img', { name: 'Preview of intake-scan.png' })).toBeVisible();
  await expect(frontOffice.page.getByRole('link', { name: 'Download treatment-plan.pdf' })).toBeVisible();
  await expect.poll(() => countOf(frontOffice.page)).toBeLessThan(raised);
  await expectNoSeriousA11yViolations(frontOffice.page, 'thread');
  await screenshot(frontOffice.page, 'thread');
  await frontOffice.context.close();
});

test('R7: a draft is listed, resumed and deleted', async ({ page }) => {
  await signInAs(page, 'p2');
  await page.getByRole('link', { name: 'New message' }).click();
  const subject = uniqueSubject('Draft about scheduling');
  await page.getByLabel('Subject').fill(subject);
  await page.getByRole('textbox', { name: 'Message' }).click();
  await page.keyboard.type('Unfinished thoughts about next week.');
  await expect(page.getByText(/Draft saved at/)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Drafts' }).click();
  await page.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(page.getByLabel('Subject')).toHaveValue(subject);
  await expect(page.getByText('Unfinished thoughts about next week.')).toBeVisible();
  await page.getByRole('button', { name: 'Delete draft' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete draft' }).click();
  await expect(page.getByText('Draft deleted.')).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(subject) })).toHaveCount(0);
});

test('R9: reply rules for 1:1, staff with one client, and two clients', async ({ page }) => {
  await signInAs(page, 'p1');
  const oneToOne = await startThread(page, ['c2'], uniqueSubject('One to one'));
  const staffAndClient = await startThread(page, ['fo', 'c2'], uniqueSubject('Team and client'));
  const twoClients = await startThread(page, ['c1', 'c2'], uniqueSubject('Group reminder'));

  await page.goto(`/p/riverside/threads/${oneToOne}`);
  await expect(page.getByRole('button', { name: 'Reply' })).toBeVisible();
  await page.goto(`/p/riverside/threads/${staffAndClient}`);
  await page.getByRole('button', { name: 'Reply' }).click();
  await expect(page.getByText('Your reply goes to everyone in this thread.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Your reply' }).fill('Short');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Write at least 10 characters (5 so far).')).toBeVisible();
  await page.getByRole('textbox', { name: 'Your reply' }).fill('Thanks, see everyone on Monday.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'see everyone on Monday' })).toBeVisible();

  await page.goto(`/p/riverside/threads/${twoClients}`);
  await expect(
    page.getByText('Replies are turned off for messages sent to more than one client. Compose a new message instead.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reply' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Quick Note' })).toHaveCount(0);
});

test('R15 R16: a quick note is saved and visible in the client chart notes', async ({ page }) => {
  await signInAs(page, 'p1');
  const subject = uniqueSubject('Sleep check-in');
  const threadId = await startThread(page, ['c6'], subject, 'How has your sleep been this week?');
  await page.goto(`/p/riverside/threads/${threadId}`);
  await page.getByRole('button', { name: 'Quick Note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Quick Note for Quinn Avila' });
  const note = dialog.getByLabel('Chart note');
  await expect(note).toHaveValue(/How has your sleep been this week\?/);
  await note.press('End');
  await note.pressSequentially('\nClient reports better sleep.');
  await expectNoSeriousA11yViolations(page, 'quick note');
  await dialog.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByText("Quick note saved to Quinn Avila's chart notes.")).toBeVisible();
  await page.getByRole('link', { name: 'Chart notes' }).click();
  await expect(page.getByText('Client reports better sleep.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'chart notes');
});

test('R17 R18 R19: delete a message, then the whole thread, after a permanent-deletion warning', async ({
  browser,
  page,
}) => {
  await signInAs(page, 'p1');
  const subject = uniqueSubject('Wrong client');
  const threadId = await startThread(page, ['c6'], subject, 'First message that stays for now.');
  await apiAs(page, 'POST', `/api/threads/${threadId}/messages`, { body: '<p>Second message sent by mistake.</p>' });
  const client = await newSignedInPage(browser, 'c6');
  await client.page.goto('/p/riverside/');

  await page.goto(`/p/riverside/threads/${threadId}`);
  const mistaken = page.getByRole('article').filter({ hasText: 'Second message sent by mistake.' });
  await mistaken.getByRole('button', { name: 'Delete message' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete this message permanently?' });
  await expect(confirm).toContainText('permanent and cannot be undone');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete message' }).click();
  await expect(page.getByText('Second message sent by mistake.')).toHaveCount(0);

  await page.getByRole('button', { name: 'Delete thread' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete thread' }).click();
  await expect(page).toHaveURL(/\/mail\/inbox$/);
  await page.goto(`/p/riverside/threads/${threadId}`);
  await expect(page.getByText('This message is not available')).toBeVisible();
  const asClient = await apiAs(client.page, 'GET', `/api/threads/${threadId}`);
  expect(asClient.status).toBe(404);
  await client.context.close();
});

test('R13: bulk archive and move back, with a per-thread report', async ({ browser, page }) => {
  const sender = await newSignedInPage(browser, 'fo');
  const first = uniqueSubject('Billing question');
  const second = uniqueSubject('Room change');
  await startThread(sender.page, ['p2'], first);
  await startThread(sender.page, ['p2'], second);
  await sender.context.close();

  await signInAs(page, 'p2');
  await page.getByRole('checkbox', { name: `Select “${first}”` }).check();
  await page.getByRole('checkbox', { name: `Select “${second}”` }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'mailbox');
  await screenshot(page, 'mailbox');
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('2 threads archived.')).toBeVisible();
  await expect(page.getByRole('link', { name: new RegExp(first) })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Archive' }).click();
  await page.getByRole('checkbox', { name: `Select “${first}”` }).check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete permanently' }).click();
  await expect(page.getByText('0 threads deleted permanently. 1 left as they were:')).toBeVisible();
  await page.getByRole('checkbox', { name: `Select “${first}”` }).check();
  await page.getByRole('button', { name: 'Move to Inbox' }).click();
  await expect(page.getByText('1 thread moved to Inbox.')).toBeVisible();
});

test('mailbox, thread and compose work at 360 px wide', async ({ browser }) => {
  const { context, page } = await newSignedInPage(browser, 'fo', { width: 360, height: 740 });
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Messages, / })).toBeVisible();
  await screenshot(page, 'mailbox-360');
  const subject = uniqueSubject('Phone layout');
  const threadId = await startThread(page, ['p1', 'c1'], subject, 'Checking the layout on a small screen.');
  await page.goto(`/p/riverside/threads/${threadId}`);
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  await screenshot(page, 'thread-360');
  await page.goto('/p/riverside/compose');
  await expect(page.getByRole('combobox', { name: 'To' })).toBeVisible();
  await screenshot(page, 'compose-360');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

/** Presses Tab until `target` has the focus (fails after 40 presses). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
  for (let i = 0; i < 40; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the element with Tab');
}

test('keyboard only: sign in, compose to a group and send', async ({ page }) => {
  await page.goto('/p/riverside/sign-in');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type('agent@riverside.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tidal-harbor-lantern-42');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'New message' }));
  await page.keyboard.press('Enter');
  const to = page.getByRole('combobox', { name: 'To' });
  await tabTo(page, to);
  await page.keyboard.type('therap');
  await expect(page.getByRole('option', { name: /All therapists/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Recipients' }).getByText('All therapists')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Subject')).toBeFocused();
  const subject = uniqueSubject('Referral update');
  await page.keyboard.type(subject);
  await tabTo(page, page.getByRole('textbox', { name: 'Message' }));
  await page.keyboard.type('The referral paperwork is complete and on file.');
  await tabTo(page, page.getByRole('button', { name: 'Send' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: subject })).toBeVisible();
});

test('R1: a staff member is congratulated on their first secure message, and only the first', async ({ page }) => {
  await signInAs(page, 'first');
  const send = async (prefix: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
    await page.getByRole('link', { name: 'New message' }).click();
    const to = page.getByRole('combobox', { name: 'To' });
    await to.fill('front');
    await page.getByRole('option', { name: /All front office/ }).click();
    const subject = uniqueSubject(prefix);
    await page.getByLabel('Subject').fill(subject);
    await page.getByRole('textbox', { name: 'Message' }).fill('Please add the new intake forms to the shared folder.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('heading', { name: subject })).toBeVisible();
  };
  await send('Intake forms');
  await expect(page.getByText("You've sent your first secure message")).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await send('Intake forms again');
  // Read at once: toasts leave by themselves after a few seconds, so waiting would prove nothing.
  expect(await page.getByText("You've sent your first secure message").count()).toBe(0);
});
