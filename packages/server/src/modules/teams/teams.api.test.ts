import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { auditEvents } from '../../../test/links';
import { openLive } from '../../../test/live';
import type { TestClient } from '../../../test/client';
import { BODY } from '../threads/messaging.test-helpers';

type Row = { id: string; subject: string; team?: { id: string; assignee: { id: string } | null; canAssign: boolean } };

/**
 * R46 through the real server: clients write to Front office and Billing as teams; the team's
 * members share its threads (Unassigned / Mine / All), assign, take and release them, audited
 * and live; nobody outside the team (or the thread, or the practice) reaches any of it.
 */
describe(`R46 team inbox (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let otherSlug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  const clients = new Map<string, TestClient>();
  const as = async (key: string, practice = slug) => {
    let client = clients.get(`${practice}/${key}`);
    if (!client) {
      client = await server.client().login(practice, emailOf(practice, key), PASSWORD);
      clients.set(`${practice}/${key}`, client);
    }
    return client;
  };
  const id = (key: string) => ids[key] as string;
  const writeToTeam = async (client: string, team: string, subject: string) => {
    const res = await (await as(client)).post('/api/threads', { to: [{ team }], subject, body: BODY });
    expect(res.status, res.text).toBe(201);
    return res.body.thread.id as string;
  };
  const view = async (key: string, team: string, name: string, query = '') => {
    const res = await (await as(key)).get(`/api/teams/${team}/threads?view=${name}${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body as { threads: Row[]; nextCursor: string | null };
  };
  const assign = async (key: string, threadId: string, userId: string | null) =>
    (await as(key)).post(`/api/threads/${threadId}/assign`, { userId });

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('team'));
    slug = fixture.practice.slug;
    const extra = (key: string, role: 'front_office' | 'biller') => ({
      key,
      name: `Staff ${key}`,
      email: `${key}@${slug}.example`,
      password: PASSWORD,
      role,
    });
    fixture.staff.push(extra('fo2', 'front_office'), extra('fogone', 'front_office'), extra('biller2', 'biller'));
    ({ practiceId, ids } = await server.seed(fixture));
    await server.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', id('fogone')).execute();
    const other = standardPractice(uniqueSlug('team-other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('R46: a client finds the Front office and Billing teams among their recipients; staff find none', async () => {
    const offered = (await (await as('c1')).get('/api/recipients')).body;
    expect(offered.teams).toEqual([
      { id: 'front_office', name: 'Front office' },
      { id: 'billing', name: 'Billing' },
    ]);
    expect((await (await as('c1')).get('/api/recipients?q=bill')).body.teams).toEqual([
      { id: 'billing', name: 'Billing' },
    ]);
    expect((await (await as('fo')).get('/api/recipients')).body.teams).toEqual([]);
    const staffSend = await (
      await as('p1')
    ).post('/api/threads', {
      to: [{ team: 'billing' }],
      subject: 'Staff to a team',
      body: BODY,
    });
    expect(staffSend.status).toBe(403);
    expect(staffSend.body.error.code).toBe('recipient_not_allowed');
  });

  it("R46 R1: a client's message to Front office reaches every active front office member and no one else", async () => {
    const threadId = await writeToTeam('c1', 'front_office', 'R46 expansion');
    const rows = await server.db
      .selectFrom('thread_participants')
      .select('user_id')
      .where('thread_id', '=', threadId)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([id('c1'), id('admin'), id('fo'), id('fo2')].sort());
    for (const key of ['fo', 'fo2', 'admin']) {
      const inbox = (await (await as(key)).get('/api/threads?folder=inbox')).body.threads as Row[];
      const row = inbox.find((t) => t.id === threadId);
      expect(row?.team).toMatchObject({ id: 'front_office', name: 'Front office', assignee: null, canAssign: true });
    }
    // R36 and the practice's business: the client sees the people, not the team's bookkeeping.
    const own = (await (await as('c1')).get(`/api/threads/${threadId}`)).body.thread;
    expect(own.team).toBeUndefined();
    expect((await (await as('biller')).get(`/api/threads/${threadId}`)).status).toBe(404);
  });

  it('R46 R3: an inactive client may still write to a team; one message goes to one team only', async () => {
    const threadId = await writeToTeam('c3', 'billing', 'R46 inactive to billing');
    expect((await view('biller2', 'billing', 'unassigned')).threads.map((t) => t.id)).toContain(threadId);
    const both = await (
      await as('c1')
    ).post('/api/threads', {
      to: [{ team: 'billing' }, { team: 'front_office' }],
      subject: 'Two teams',
      body: BODY,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('validation_failed');
  });

  it('R46: take, assign and release move a thread between Unassigned and Mine, audited and live for the whole team', async () => {
    const threadId = await writeToTeam('c2', 'front_office', 'R46 take and release');
    const colleague = await openLive(server.url, await as('fo2'));
    try {
      expect((await view('fo', 'front_office', 'unassigned')).threads.map((t) => t.id)).toContain(threadId);

      const taken = await assign('fo', threadId, id('fo'));
      expect(taken.status, taken.text).toBe(200);
      expect(taken.body.thread.team).toMatchObject({ assignee: { id: id('fo'), name: 'Staff fo' }, canAssign: true });
      const heard = await colleague.next(
        (e) => e.type === 'thread.assigned' && e.threadId === threadId && e.assigneeId === id('fo'),
      );
      expect(Object.keys(heard).sort()).toEqual(['assigneeId', 'seq', 'threadId', 'type']);
      expect((await view('fo', 'front_office', 'mine')).threads.map((t) => t.id)).toContain(threadId);
      expect((await view('fo2', 'front_office', 'unassigned')).threads.map((t) => t.id)).not.toContain(threadId);
      const all = (await view('fo2', 'front_office', 'all')).threads.find((t) => t.id === threadId);
      expect(all?.team?.assignee?.id).toBe(id('fo'));

      expect((await assign('fo', threadId, id('fo2'))).status).toBe(200);
      await colleague.next(
        (e) => e.type === 'thread.assigned' && e.threadId === threadId && e.assigneeId === id('fo2'),
      );
      expect((await view('fo2', 'front_office', 'mine')).threads.map((t) => t.id)).toContain(threadId);
      expect((await view('fo', 'front_office', 'mine')).threads.map((t) => t.id)).not.toContain(threadId);

      expect((await assign('fo2', threadId, null)).status).toBe(200);
      await colleague.next((e) => e.type === 'thread.assigned' && e.threadId === threadId && e.assigneeId === null);
      expect((await view('fo', 'front_office', 'unassigned')).threads.map((t) => t.id)).toContain(threadId);
      // Releasing what nobody holds changes nothing and records nothing.
      expect((await assign('fo2', threadId, null)).status).toBe(200);
    } finally {
      colleague.close();
    }
    const audited = async (action: string) =>
      (await auditEvents(server, practiceId, action)).filter((e) => e.targets.threadId === threadId);
    expect((await audited('thread.taken')).map((e) => [e.actor_id, e.targets.assigneeId])).toEqual([
      [id('fo'), id('fo')],
    ]);
    expect((await audited('thread.assigned')).map((e) => [e.actor_id, e.targets])).toEqual([
      [id('fo'), { threadId, assigneeId: id('fo2'), previousAssigneeId: id('fo'), clientIds: id('c2') }],
    ]);
    expect((await audited('thread.released')).map((e) => [e.actor_id, e.targets.previousAssigneeId])).toEqual([
      [id('fo2'), id('fo2')],
    ]);
    // Admins read the actions in words (R32).
    const log = (await (await as('admin')).get('/api/admin/audit?action=thread.taken')).body.events as {
      label: string;
      targets: Record<string, string>;
    }[];
    expect(log.find((e) => e.targets.threadId === threadId)?.label).toBe('Took a team conversation');
  });

  it('R46: two members taking the same thread at once: one has it, the other is told (409) and steals nothing', async () => {
    const threadId = await writeToTeam('c1', 'front_office', 'R46 race');
    const take = async (key: string) =>
      (await as(key)).post(`/api/threads/${threadId}/assign`, { userId: id(key), previousUserId: null });
    const answers = await Promise.all([take('fo'), take('fo2')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409);
    expect(loser?.body.error.code).toBe('conflict');
    const winner = answers[0]?.status === 200 ? 'fo' : 'fo2';
    const row = await server.db
      .selectFrom('threads')
      .select('assigned_to')
      .where('id', '=', threadId)
      .executeTakeFirst();
    expect(row?.assigned_to).toBe(id(winner));
    expect(
      (await auditEvents(server, practiceId, 'thread.taken')).filter((e) => e.targets.threadId === threadId),
    ).toHaveLength(1);
    // Seen as unassigned, but now held: releasing on that view is refused too.
    const stale = await (
      await as(winner)
    ).post(`/api/threads/${threadId}/assign`, {
      userId: null,
      previousUserId: id(winner === 'fo' ? 'fo2' : 'fo'),
    });
    expect(stale.status).toBe(409);
  });

  it('R46: a biller cannot assign a front-office thread, nor open its team view', async () => {
    const threadId = await writeToTeam('c1', 'front_office', 'R46 not for billing');
    // Not in the thread: it does not exist for them (R30).
    const byBiller = await assign('biller', threadId, id('biller'));
    expect(byBiller.status).toBe(404);
    const teamView = await (await as('biller')).get('/api/teams/front_office/threads');
    expect(teamView.status).toBe(403);
    expect(teamView.body.error.code).toBe('forbidden');
    for (const key of ['p1', 'agent', 'c1']) {
      expect((await (await as(key)).get('/api/teams/front_office/threads')).status).toBe(403);
    }
    // The client takes part, but assigning is the team's business.
    const byClient = await assign('c1', threadId, id('fo'));
    expect(byClient.status).toBe(403);
    // Only a front office member in the thread can be given it.
    for (const target of ['biller', 'p1', 'c1', 'fogone']) {
      const res = await assign('fo', threadId, id(target));
      expect(res.status, target).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await auditEvents(server, practiceId, 'thread.assigned')).map((e) => e.targets.threadId)).not.toContain(
      threadId,
    );
  });

  it('R46: a thread not written to a team cannot be assigned; signed out and other practices reach nothing', async () => {
    const plain = await (
      await as('c1')
    ).post('/api/threads', {
      to: [{ userId: id('fo') }],
      subject: 'R46 plain',
      body: BODY,
    });
    const plainId = plain.body.thread.id as string;
    expect((await assign('fo', plainId, id('fo'))).status).toBe(403);
    const teamThread = await writeToTeam('c1', 'front_office', 'R46 outsiders');
    const signedOut = server.client();
    expect((await signedOut.get('/api/teams/front_office/threads')).status).toBe(401);
    expect((await signedOut.post(`/api/threads/${teamThread}/assign`, { userId: null })).status).toBe(401);
    const outsider = await as('fo', otherSlug);
    expect((await outsider.post(`/api/threads/${teamThread}/assign`, { userId: null })).status).toBe(404);
    expect((await view('fo', 'front_office', 'all', '&limit=100')).threads.map((t) => t.id)).toContain(teamThread);
    const theirs = (await outsider.get('/api/teams/front_office/threads?view=all')).body.threads as Row[];
    expect(theirs).toEqual([]);
    expect((await (await as('fo')).get('/api/teams/front_desk/threads')).status).toBe(400);
  });

  it('R46 R14: the team view pages by cursor, newest first, and lists only that team', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) made.push(await writeToTeam('c2', 'billing', `R46 paging ${i}`));
    await writeToTeam('c2', 'front_office', 'R46 paging front office');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await view('biller', 'billing', 'all', `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.threads.length).toBeLessThanOrEqual(2);
      seen.push(...page.threads.map((t) => t.id));
      for (const t of page.threads) expect(t.team?.id).toBe('billing');
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const ours = seen.filter((t) => made.includes(t));
    expect(ours).toEqual([...made].reverse());
  });
});
