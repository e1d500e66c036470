import { expect, test, type Page } from '@playwright/test';
import { apiAs, menu, newClient, openMessages, signInClient } from './portal-helpers';
import { expectNoSeriousA11yViolations, screenshot, seeded, signInAs, uniqueSubject } from './support/helpers';

// Long journeys on a shared, busy machine: give each the time it needs (never assert timings).
test.describe.configure({ timeout: 240_000 });

/** Desktop and 360 px screenshots of the current screen. */
async function screenshotWidths(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(150);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(150);
  await screenshot(page, `${name}-desktop`);
  if (size) await page.setViewportSize(size);
}

test('R36: a client in two-client threads finds no trace of the other client in any portal view or live event', async ({
  page,
}) => {
  const canary = `Zephyrine Canarywood ${Date.now().toString(36)}`;
  const viewer = await newClient(
    [
      { key: 'p1', status: 'current' },
      { key: 'p2', status: 'past' },
    ],
    { name: 'Avery Viewer' },
  );
  const other = await newClient([{ key: 'p1', status: 'current' }], { name: canary });
  const ids = seeded().riverside.ids;
  const groupSubject = uniqueSubject('Group session');
  const p1 = await apiAs('p1');
  const p2 = await apiAs('p2');
  for (const [staff, to, subject, body] of [
    [p1, [viewer.id, other.id, ids.fo], groupSubject, '<p>The group meets on Tuesdays at 6 pm.</p>'],
    [p2, [viewer.id, other.id], uniqueSubject('Workshop'), '<p>A workshop on sleep, open to all of you.</p>'],
    [p1, [viewer.id], uniqueSubject('Check-in'), '<p>How did the week go for you?</p>'],
  ] as const) {
    const sent = await staff.post('/api/threads', { to: to.map((userId) => ({ userId })), subject, body });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  }

  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  const places: string[] = [];
  /** Searches the whole page (text and markup) for the other client's name and id. */
  const expectNoCanary = async (place: string) => {
    places.push(place);
    const html = await page.content();
    expect(html, place).not.toContain(canary);
    expect(html, place).not.toContain(other.id);
    await expect(page.locator('body')).not.toContainText(canary);
  };

  await signInClient(page, viewer.email);
  await expectNoCanary('portal home');
  await openMessages(page);
  const cards = page.getByRole('navigation', { name: 'Your providers and contacts' });
  await expect(cards.getByRole('link', { name: /Group messages/ })).toBeVisible();
  await expectNoCanary('chat layout: provider cards');
  await screenshotWidths(page, 'privacy-client-cards');

  await cards.getByRole('link', { name: /Group messages/ }).click();
  await expect(page.getByRole('heading', { name: 'Group messages' })).toBeVisible();
  const groupRow = page.getByRole('link', { name: new RegExp(groupSubject) });
  await expect(groupRow).toContainText('Dr. Maya Chen');
  await expect(groupRow).toContainText('Jordan Lee');
  await expectNoCanary('chat layout: group list');
  await screenshotWidths(page, 'privacy-client-groups');

  await page.getByRole('link', { name: new RegExp(groupSubject) }).click();
  await expect(page.getByText('The group meets on Tuesdays')).toBeVisible();
  await expect(page.getByText('Replies are turned off for this message. Compose a new message instead.')).toBeVisible();
  await expectNoCanary('thread view');
  await expectNoSeriousA11yViolations(page, 'group thread, client side');
  await screenshotWidths(page, 'privacy-client-thread');

  // A two-client message from one provider reads, to each client, like a message from that provider.
  await openMessages(page);
  await cards.getByRole('link', { name: /Dr. Sam Ortiz/ }).click();
  await expect(page.getByText('A workshop on sleep')).toBeVisible();
  await expectNoCanary('chat with a provider');

  // A live event arrives while the client looks: the new thread shows, the canary does not.
  const liveSubject = uniqueSubject('Reminder');
  const live = await p1.post('/api/threads', {
    to: [{ userId: viewer.id }, { userId: other.id }],
    subject: liveSubject,
    body: '<p>Reminder: bring your worksheet on Tuesday.</p>',
  });
  expect(live.status).toBe(201);
  await cards.getByRole('link', { name: /Dr. Maya Chen/ }).click();
  await expect(page.getByText('Reminder: bring your worksheet')).toBeVisible();
  await expectNoCanary('chat after a live event');

  await page.getByRole('button', { name: 'Mail view' }).click();
  await expect(page.getByRole('link', { name: new RegExp(groupSubject) })).toBeVisible();
  await expectNoCanary('mail layout: inbox');
  await screenshotWidths(page, 'privacy-client-mail');
  await page.getByRole('link', { name: new RegExp(groupSubject) }).click();
  await expect(page.getByText('The group meets on Tuesdays')).toBeVisible();
  await expectNoCanary('mail layout: thread');
  await menu(page)
    .getByRole('link', { name: /Account/ })
    .click();
  await expectNoCanary('account');

  expect(frames.length, 'live events reached the page').toBeGreaterThan(0);
  for (const frame of frames) {
    expect(frame).not.toContain(other.id);
    expect(frame).not.toContain(canary);
  }
  test.info().annotations.push({ type: 'R36 places checked', description: places.join('; ') });
});

test('R37: the admin care-team dialog adds an external agent, then removing them says what it ends', async ({
  page,
}) => {
  const client = await newClient([{ key: 'p1', status: 'current' }], { name: 'Taylor Agentcase' });
  const agent = await apiAs('agent');
  const reach = async () =>
    ((await agent.get('/api/recipients')).recipients as { id: string }[]).some((r) => r.id === client.id);
  expect(await reach()).toBe(false);

  await signInAs(page, 'admin');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Edit care team of Taylor Agentcase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Care team of Taylor Agentcase' });
  await expect(dialog.getByRole('group', { name: 'External agents' })).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Alex Morgan' }).check();
  await expectNoSeriousA11yViolations(page, 'care team with an agent');
  await screenshotWidths(page, 'admin-care-team-agent');
  await dialog.getByRole('button', { name: 'Save care team' }).click();
  await expect(page.getByText('Care team of Taylor Agentcase saved.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Taylor Agentcase/ })).toContainText('External: Alex Morgan');
  expect(await reach()).toBe(true);

  await page.getByRole('button', { name: 'Edit care team of Taylor Agentcase' }).click();
  await dialog.getByRole('checkbox', { name: 'Alex Morgan' }).uncheck();
  await expect(dialog.getByRole('note')).toContainText(
    'Alex Morgan will no longer be able to send new messages to Taylor Agentcase',
  );
  await expectNoSeriousA11yViolations(page, 'care team removing an agent');
  await screenshotWidths(page, 'admin-care-team-agent-removal');
  await dialog.getByRole('button', { name: 'Save care team' }).click();
  await expect(page.getByText('Removed external agents can no longer send them new messages.')).toBeVisible();
  expect(await reach()).toBe(false);
});

test('R36: staff composing to several clients are told each client sees only the staff and themselves; inactive clients are marked', async ({
  page,
}) => {
  await signInAs(page, 'p1');
  await page.getByRole('link', { name: 'New message' }).click();
  const to = page.getByRole('combobox', { name: 'To' });
  await to.fill('Riley');
  // Issue 17: an inactive client carries the mark in the To list.
  await expect(page.getByRole('option', { name: /Riley Shaw/ })).toContainText('inactive');
  await to.fill('Avery');
  await page.getByRole('option', { name: /Avery Brooks/ }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Each client will see' })).toHaveCount(0);
  await to.fill('Casey');
  await page.getByRole('option', { name: /Casey Doyle/ }).click();
  const notice = page.getByRole('note').filter({ hasText: 'Each client will see' });
  await expect(notice).toContainText(
    'Each client will see only the staff on this message and themselves — never the other clients',
  );
  await expect(notice).toContainText('Replies are turned off for messages sent to more than one client.');
  await to.press('Escape'); // close the suggestions so the notice shows in the screenshots
  await expectNoSeriousA11yViolations(page, 'compose to several clients');
  await screenshotWidths(page, 'compose-several-clients');
  await page.getByRole('button', { name: 'Remove Casey Doyle' }).click();
  await expect(notice).toHaveCount(0);
});
