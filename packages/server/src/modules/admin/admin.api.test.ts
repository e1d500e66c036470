import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { auditEvents, latestLinkToken } from '../../../test/links';
import type { TestClient } from '../../../test/client';

describe(`admin (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  let other: { practiceId: string; ids: Record<string, string> };
  let admin: TestClient;
  let provider: TestClient;
  let client: TestClient;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('admin'));
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
    other = await server.seed(standardPractice(uniqueSlug('other')));
    admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    provider = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
  });
  afterAll(() => server.close());

  /** Every admin route, with a valid body, so only the caller decides the answer. */
  const routes = (staffId: string, clientId: string, providerId: string) =>
    [
      ['GET', '/api/admin/staff', undefined],
      ['POST', '/api/admin/staff', { name: 'New Person', email: `new-${Date.now()}@x.example`, role: 'biller' }],
      ['PATCH', `/api/admin/staff/${staffId}`, { role: 'biller' }],
      ['GET', '/api/admin/clients', undefined],
      ['POST', '/api/admin/clients', { name: 'New Client', email: `nc-${Date.now()}@x.example` }],
      ['PATCH', `/api/admin/clients/${clientId}`, { status: 'inactive' }],
      ['POST', `/api/admin/clients/${clientId}/invite`, undefined],
      ['PUT', `/api/admin/clients/${clientId}/care-team`, { providers: [{ id: providerId, status: 'current' }] }],
      ['GET', '/api/admin/settings', undefined],
      ['PATCH', '/api/admin/settings', { minBodyLength: 20 }],
      ['GET', '/api/admin/audit', undefined],
      ['GET', '/api/admin/audit?format=csv', undefined],
    ] as const;

  it('R35: signed out, every admin route answers 401 unauthenticated', async () => {
    for (const [method, path, body] of routes(ids.fo!, ids.c4!, ids.p3!)) {
      const res = await server.client().request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });

  it('R35: staff without the admin flag and clients get 403 forbidden, and nothing changes', async () => {
    for (const caller of [provider, client]) {
      for (const [method, path, body] of routes(ids.fo!, ids.c4!, ids.p3!)) {
        const res = await caller.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    const fo = await server.db.selectFrom('users').selectAll().where('id', '=', ids.fo!).executeTakeFirstOrThrow();
    expect(fo.role).toBe('front_office');
    expect(await auditEvents(server, practiceId, 'admin.settings.updated')).toEqual([]);
  });

  it('R35: other practice — its staff and clients answer 404 and are never listed', async () => {
    for (const [method, path, body] of routes(other.ids.fo!, other.ids.c4!, ids.p3!).filter(
      ([, p]) => p.includes(other.ids.fo!) || p.includes(other.ids.c4!),
    )) {
      const res = await admin.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    // A client id is not a staff id and the other way round.
    expect((await admin.patch(`/api/admin/staff/${ids.c1}`, { role: 'biller' })).status).toBe(404);
    expect((await admin.patch(`/api/admin/clients/${ids.p1}`, { status: 'inactive' })).status).toBe(404);
    const staff = await admin.get('/api/admin/staff');
    const clients = await admin.get('/api/admin/clients');
    const listed = [...staff.body.staff, ...clients.body.clients].map((p: { id: string }) => p.id);
    for (const id of Object.values(other.ids)) expect(listed).not.toContain(id);
  });

  it('R35: the staff list shows every staff member with role and flags; the clients list decrypts names and care teams', async () => {
    const staff = await admin.get('/api/admin/staff');
    expect(staff.status).toBe(200);
    expect(staff.body.staff).toHaveLength(7);
    expect(staff.body.staff).toContainEqual({
      id: ids.admin,
      name: 'Staff admin',
      email: emailOf(slug, 'admin'),
      role: 'front_office',
      admin: true,
      disabled: false,
      mfaEnabled: false,
      invited: false,
    });
    const clients = await admin.get('/api/admin/clients');
    expect(clients.status).toBe(200);
    const c1 = clients.body.clients.find((c: { id: string }) => c.id === ids.c1);
    expect(c1).toEqual({
      id: ids.c1,
      name: 'Client One Canary',
      email: emailOf(slug, 'c1'),
      status: 'active',
      portal: true,
      invited: false,
      careTeam: [
        { id: ids.p1, name: 'Staff p1', role: 'provider', status: 'current' },
        { id: ids.p2, name: 'Staff p2', role: 'provider', status: 'past' },
      ],
    });
    const c4 = clients.body.clients.find((c: { id: string }) => c.id === ids.c4);
    expect(c4).toMatchObject({ portal: false, status: 'active' });
  });

  it('R35/R28: an admin invites staff: created without a password, an invitation queued, audited by id only', async () => {
    const email = `invitee@${slug}.example`;
    const res = await admin.post('/api/admin/staff', { name: 'Ivy Invitee', email, role: 'provider' });
    expect(res.status).toBe(201);
    expect(res.body.member).toMatchObject({
      name: 'Ivy Invitee',
      email,
      role: 'provider',
      admin: false,
      invited: true,
    });
    const id = res.body.member.id as string;
    const row = await server.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();
    expect(row.portal).toBe(1);
    expect(row.invited_at).not.toBeNull();
    expect(await server.db.selectFrom('tokens').select('purpose').where('user_id', '=', id).execute()).toEqual([
      { purpose: 'invite' },
    ]);
    expect(await latestLinkToken(server, practiceId, id, 'invite')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const audit = await auditEvents(server, practiceId, 'admin.staff.invited');
    expect(audit.at(-1)).toMatchObject({ actor_id: ids.admin, targets: { userId: id } });
    expect(JSON.stringify(audit)).not.toMatch(/Ivy|invitee@/);
    // The invitee cannot sign in before accepting.
    const signIn = await server.client().post('/api/auth/login', { practice: slug, email, password: PASSWORD });
    expect(signIn.status).toBe(401);
  });

  it('R35: inviting an email already used in the practice answers 409 conflict and adds nobody', async () => {
    const before = await admin.get('/api/admin/staff');
    const res = await admin.post('/api/admin/staff', { name: 'Dup', email: emailOf(slug, 'c2'), role: 'biller' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect((await admin.get('/api/admin/staff')).body.staff).toHaveLength(before.body.staff.length);
    const bad = await admin.post('/api/admin/staff', { name: 'X', email: 'not-an-email', role: 'biller' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it("R35: an admin changes a staff member's role, admin flag and name; each change is audited", async () => {
    const res = await admin.patch(`/api/admin/staff/${ids.biller}`, {
      role: 'front_office',
      admin: true,
      name: 'Bea Biller',
    });
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ id: ids.biller, role: 'front_office', admin: true, name: 'Bea Biller' });
    const me = await (await server.client().login(slug, emailOf(slug, 'biller'), PASSWORD)).get('/api/me');
    expect(me.body.user).toMatchObject({ role: 'front_office', admin: true, name: 'Bea Biller' });
    const back = await admin.patch(`/api/admin/staff/${ids.biller}`, { role: 'biller', admin: false });
    expect(back.body.member).toMatchObject({ role: 'biller', admin: false });
    const audit = await auditEvents(server, practiceId, 'admin.staff.updated');
    expect(audit.map((a) => a.targets)).toEqual(
      expect.arrayContaining([
        { userId: ids.biller, fields: 'admin,name,role' },
        { userId: ids.biller, fields: 'admin,role' },
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain('Bea');
  });

  it('R35/R29: disabling a staff member ends their sessions and refuses sign-in; enabling restores it', async () => {
    const agent = await server.client().login(slug, emailOf(slug, 'agent'), PASSWORD);
    const res = await admin.patch(`/api/admin/staff/${ids.agent}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.member.disabled).toBe(true);
    // Ended in the same transaction, not only refused when next seen.
    expect(await server.db.selectFrom('sessions').select('id').where('user_id', '=', ids.agent!).execute()).toEqual([]);
    expect((await agent.get('/api/me')).status).toBe(401);
    const refused = await server
      .client()
      .post('/api/auth/login', { practice: slug, email: emailOf(slug, 'agent'), password: PASSWORD });
    expect(refused.status).toBe(401);
    const enabled = await admin.patch(`/api/admin/staff/${ids.agent}`, { disabled: false });
    expect(enabled.body.member.disabled).toBe(false);
    await server.client().login(slug, emailOf(slug, 'agent'), PASSWORD);
    const audit = await auditEvents(server, practiceId, 'admin.staff.updated');
    expect(audit.filter((a) => a.targets.userId === ids.agent).map((a) => a.targets.fields)).toEqual([
      'disabled',
      'disabled',
    ]);
  });

  it('R35: the last admin cannot drop their own admin flag or disable themselves (409); with another admin they can', async () => {
    const own = standardPractice(uniqueSlug('lastadmin'));
    const seeded = await server.seed(own);
    const s = own.practice.slug;
    const boss = await server.client().login(s, emailOf(s, 'admin'), PASSWORD);
    for (const body of [{ admin: false }, { disabled: true }]) {
      const res = await boss.patch(`/api/admin/staff/${seeded.ids.admin}`, body);
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({ code: 'conflict', message: expect.stringMatching(/last administrator/) });
    }
    expect((await boss.get('/api/me')).body.user.admin).toBe(true);
    expect((await boss.patch(`/api/admin/staff/${seeded.ids.fo}`, { admin: true })).status).toBe(200);
    const drop = await boss.patch(`/api/admin/staff/${seeded.ids.admin}`, { admin: false });
    expect(drop.status).toBe(200);
    expect(drop.body.member.admin).toBe(false);
    expect((await boss.get('/api/admin/staff')).status).toBe(403);
  });

  it('R35: an admin adds a client without a portal (no email) and one with a portal (invited by email)', async () => {
    const plain = await admin.post('/api/admin/clients', { name: 'Quiet Client', email: `quiet@${slug}.example` });
    expect(plain.status).toBe(201);
    expect(plain.body.client).toMatchObject({ name: 'Quiet Client', status: 'active', portal: false, invited: false });
    expect(
      await server.db.selectFrom('outbox').select('id').where('recipient_id', '=', plain.body.client.id).execute(),
    ).toEqual([]);

    const portal = await admin.post('/api/admin/clients', {
      name: 'Portal Client',
      email: `Portal@${slug}.example`,
      status: 'inactive',
      portal: true,
    });
    expect(portal.status).toBe(201);
    expect(portal.body.client).toMatchObject({
      email: `portal@${slug}.example`,
      status: 'inactive',
      portal: true,
      invited: true,
      careTeam: [],
    });
    const token = await latestLinkToken(server, practiceId, portal.body.client.id, 'invite');
    expect(token).toBeTruthy();
    const added = await auditEvents(server, practiceId, 'admin.client.added');
    expect(added.map((a) => a.targets.clientId)).toEqual(
      expect.arrayContaining([plain.body.client.id, portal.body.client.id]),
    );
    expect(JSON.stringify(added)).not.toMatch(/Quiet|Portal Client|@/);
    const dup = await admin.post('/api/admin/clients', { name: 'Again', email: `quiet@${slug}.example` });
    expect(dup.status).toBe(409);
  });

  it('R3/R35: a client set inactive then active again round-trips, and both changes are audited', async () => {
    const off = await admin.patch(`/api/admin/clients/${ids.c2}`, { status: 'inactive' });
    expect(off.status).toBe(200);
    expect(off.body.client).toMatchObject({ id: ids.c2, status: 'inactive' });
    const c2 = await server.client().login(slug, emailOf(slug, 'c2'), PASSWORD);
    expect((await c2.get('/api/me')).body.user.status).toBe('inactive');
    const on = await admin.patch(`/api/admin/clients/${ids.c2}`, { status: 'active' });
    expect(on.body.client.status).toBe('active');
    expect((await c2.get('/api/me')).body.user.status).toBe('active');
    const audit = await auditEvents(server, practiceId, 'admin.client.updated');
    expect(audit.filter((a) => a.targets.clientId === ids.c2).map((a) => a.targets)).toEqual([
      { clientId: ids.c2, fields: 'status' },
      { clientId: ids.c2, fields: 'status' },
    ]);
  });

  it("R35: changing a client's email moves their sign-in to it; an email in use answers 409", async () => {
    const taken = await admin.patch(`/api/admin/clients/${ids.c2}`, { email: emailOf(slug, 'p1') });
    expect(taken.status).toBe(409);
    const newEmail = `c2-new@${slug}.example`;
    const res = await admin.patch(`/api/admin/clients/${ids.c2}`, { email: newEmail, name: 'Client Two Renamed' });
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({ email: newEmail, name: 'Client Two Renamed' });
    expect(res.body.client.careTeam).toEqual([{ id: ids.p1, name: 'Staff p1', role: 'provider', status: 'current' }]);
    const old = await server
      .client()
      .post('/api/auth/login', { practice: slug, email: emailOf(slug, 'c2'), password: PASSWORD });
    expect(old.status).toBe(401);
    await server.client().login(slug, newEmail, PASSWORD);
  });

  it('R35: inviting a client to the portal sets portal and queues an invitation; one with a password gets 409', async () => {
    const res = await admin.post(`/api/admin/clients/${ids.c4}/invite`);
    expect(res.status).toBe(202);
    const row = await server.db.selectFrom('users').selectAll().where('id', '=', ids.c4!).executeTakeFirstOrThrow();
    expect(row.portal).toBe(1);
    expect(row.invited_at).not.toBeNull();
    const token = await latestLinkToken(server, practiceId, ids.c4!, 'invite');
    const accepted = await server
      .client()
      .post('/api/auth/invitation/accept', { token, password: 'quiet-meadow-ferns-77' });
    expect(accepted.status).toBe(200);
    await server.client().login(slug, emailOf(slug, 'c4'), 'quiet-meadow-ferns-77');
    const again = await admin.post(`/api/admin/clients/${ids.c1}/invite`);
    expect(again.status).toBe(409);
    const audit = await auditEvents(server, practiceId, 'admin.client.invited');
    expect(audit.map((a) => a.targets)).toContainEqual({ clientId: ids.c4 });
  });

  it('R35: an admin replaces a care team (current, then past); only providers of the practice are accepted', async () => {
    const res = await admin.put(`/api/admin/clients/${ids.c1}/care-team`, {
      providers: [
        { id: ids.p3, status: 'current' },
        { id: ids.p1, status: 'past' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.careTeam).toEqual([
      { id: ids.p3, name: 'Staff p3', role: 'provider', status: 'current' },
      { id: ids.p1, name: 'Staff p1', role: 'provider', status: 'past' },
    ]);
    for (const providers of [
      [{ id: ids.fo, status: 'current' }],
      [{ id: other.ids.p1, status: 'current' }],
      [{ id: ids.c2, status: 'current' }],
      [
        { id: ids.p2, status: 'current' },
        { id: ids.p2, status: 'past' },
      ],
    ]) {
      const bad = await admin.put(`/api/admin/clients/${ids.c1}/care-team`, { providers });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    }
    const clients = await admin.get('/api/admin/clients');
    expect(clients.body.clients.find((c: { id: string }) => c.id === ids.c1).careTeam).toEqual(res.body.careTeam);
    const audit = await auditEvents(server, practiceId, 'admin.care_team.updated');
    expect(audit.at(-1)?.targets).toEqual({ clientId: ids.c1, current: ids.p3, past: ids.p1 });
    const empty = await admin.put(`/api/admin/clients/${ids.c1}/care-team`, { providers: [] });
    expect(empty.body.careTeam).toEqual([]);
    await admin.put(`/api/admin/clients/${ids.c1}/care-team`, {
      providers: [
        { id: ids.p1, status: 'current' },
        { id: ids.p2, status: 'past' },
      ],
    });
  });

  it('R35: settings read with defaults, change partially, refuse bad values, and are audited', async () => {
    const res = await admin.get('/api/admin/settings');
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({ requireStaffMfa: false, minBodyLength: 10, clientLayout: 'chat' });
    const patched = await admin.patch('/api/admin/settings', { clientLayout: 'mail', responseTimeText: '2 days' });
    expect(patched.status).toBe(200);
    expect(patched.body.settings).toMatchObject({
      clientLayout: 'mail',
      responseTimeText: '2 days',
      minBodyLength: 10,
    });
    expect((await client.get('/api/me')).body.practice).toMatchObject({
      clientLayout: 'mail',
      responseTimeText: '2 days',
    });
    for (const bad of [{ minBodyLength: 0 }, { clientLayout: 'grid' }, { idleTimeoutMinutes: 'ten' }]) {
      const refused = await admin.patch('/api/admin/settings', bad);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    expect((await admin.get('/api/admin/settings')).body.settings).toEqual(patched.body.settings);
    const audit = await auditEvents(server, practiceId, 'admin.settings.updated');
    expect(audit.at(-1)?.targets).toEqual({ practiceId, fields: 'clientLayout,responseTimeText' });
    await admin.patch('/api/admin/settings', { clientLayout: 'chat', responseTimeText: '1–3 business days' });
  });

  it('R29: the idle timeout follows the practice setting', async () => {
    const c1 = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    const age = (minutes: number) =>
      server.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(Date.now() - minutes * 60_000).toISOString() })
        .where('user_id', '=', ids.c1!)
        .execute();
    expect((await admin.patch('/api/admin/settings', { idleTimeoutMinutes: 60 })).status).toBe(200);
    await age(30);
    const me = await c1.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.practice.idleTimeoutMinutes).toBe(60);
    await age(30);
    expect((await admin.patch('/api/admin/settings', { idleTimeoutMinutes: 20 })).status).toBe(200);
    expect((await c1.get('/api/me')).status).toBe(401);
    await admin.patch('/api/admin/settings', { idleTimeoutMinutes: 15 });
  });

  it('R32: the audit log pages newest first by cursor, without emails or content', async () => {
    const first = await admin.get('/api/admin/audit?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.events).toHaveLength(3);
    const seqs = first.body.events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(first.body.nextCursor).toBe(String(seqs[2]));
    const second = await admin.get(`/api/admin/audit?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.events[0].seq).toBe(seqs[2] - 1);
    const all: { seq: number; action: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { events: typeof all; nextCursor: string | null } } = await admin.get(
        `/api/admin/audit?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...page.body.events);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.at(-1)?.seq).toBe(1);
    expect(all.at(-1)?.action).toBe('practice.seeded');
    // Names are resolved for the admin (R32); emails and content never appear.
    expect(JSON.stringify(all)).not.toMatch(/@/);
    expect((await admin.get('/api/admin/audit?cursor=abc')).status).toBe(400);
  });

  it("R32: the CSV export is an attachment with a header row, this practice's events with names, and no content", async () => {
    const res = await admin.get('/api/admin/audit?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('seq,at,who,who_id,role,action,action_code,clients,client_ids,records,ip,hash');
    const count = await server.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('practice_id', '=', practiceId)
      .executeTakeFirstOrThrow();
    expect(lines).toHaveLength(Number(count.n) + 1);
    expect(res.text).toContain('admin.staff.invited');
    expect(res.text).toContain('admin.care_team.updated');
    expect(res.text).toContain('admin.audit.exported');
    expect(res.text).not.toContain(other.practiceId);
    // Names are resolved for the admin at read time; no email, subject or body is in the log.
    expect(res.text).toContain('Exported the audit log');
    expect(res.text).not.toMatch(/@/);
  });
});
