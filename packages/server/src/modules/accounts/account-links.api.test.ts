import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { auditEvents, latestLinkToken } from '../../../test/links';

const NEW_PASSWORD = 'copper-willow-orbit-58';

describe(`one-time links: invitations and password reset (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  let otherSlug: string;
  let admin: TestClient;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('links'));
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
    const other = standardPractice(uniqueSlug('other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
    admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
  });
  afterAll(() => server.close());

  const outboxCount = async (userId: string, template: 'invite' | 'reset') =>
    (
      await server.db
        .selectFrom('outbox')
        .select('id')
        .where('recipient_id', '=', userId)
        .where('template', '=', template)
        .execute()
    ).length;

  it('R28: an invited staff member accepts once with a strong password, then signs in', async () => {
    const email = `newhire@${slug}.example`;
    const invited = await admin.post('/api/admin/staff', { name: 'New Hire', email, role: 'front_office' });
    expect(invited.status).toBe(201);
    const userId = invited.body.member.id as string;
    const token = await latestLinkToken(server, practiceId, userId, 'invite');

    for (const weak of ['password1234', 'newhire-2024!', 'aaaaaaaaaaaaaaaa']) {
      const res = await server.client().post('/api/auth/invitation/accept', { token, password: weak });
      expect(res.status, weak).toBe(400);
      expect(res.body.error.code, weak).toBe('weak_password');
    }
    const short = await server.client().post('/api/auth/invitation/accept', { token, password: 'Ab3$xyz' });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('weak_password');

    const ok = await server.client().post('/api/auth/invitation/accept', { token, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ practice: slug });
    const again = await server.client().post('/api/auth/invitation/accept', { token, password: `${NEW_PASSWORD}x` });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_token');

    const member = await server.client().login(slug, email, NEW_PASSWORD);
    expect((await member.get('/api/me')).body.user).toMatchObject({ id: userId, kind: 'staff', role: 'front_office' });
    const listed = (await admin.get('/api/admin/staff')).body.staff.find((s: { id: string }) => s.id === userId);
    expect(listed.invited).toBe(false);
    const audit = await auditEvents(server, practiceId, 'auth.invitation_accepted');
    expect(audit.map((a) => a.targets)).toEqual([{ userId }]);
  });

  it('R28: an invitation link does not reset a password, and a reset link does not accept an invitation', async () => {
    const invited = await admin.post('/api/admin/clients', {
      name: 'Linked Client',
      email: `linked@${slug}.example`,
      portal: true,
    });
    const token = await latestLinkToken(server, practiceId, invited.body.client.id, 'invite');
    const wrongKind = await server.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.code).toBe('invalid_token');
    const forged = await server
      .client()
      .post('/api/auth/invitation/accept', { token: 'A'.repeat(43), password: NEW_PASSWORD });
    expect(forged.body.error.code).toBe('invalid_token');
  });

  it('R28: sending an invitation again voids the earlier link', async () => {
    const invited = await admin.post('/api/admin/clients', {
      name: 'Twice',
      email: `twice@${slug}.example`,
      portal: true,
    });
    const clientId = invited.body.client.id as string;
    const first = await latestLinkToken(server, practiceId, clientId, 'invite');
    expect((await admin.post(`/api/admin/clients/${clientId}/invite`)).status).toBe(202);
    const second = await latestLinkToken(server, practiceId, clientId, 'invite');
    expect(second).not.toBe(first);
    const old = await server.client().post('/api/auth/invitation/accept', { token: first, password: NEW_PASSWORD });
    expect(old.body.error.code).toBe('invalid_token');
    expect(
      (await server.client().post('/api/auth/invitation/accept', { token: second, password: NEW_PASSWORD })).status,
    ).toBe(200);
  });

  it('R28: a reset request answers 202 alike for known and unknown emails and practices; only a real account gets a link', async () => {
    const before = await server.db.selectFrom('outbox').select('id').where('template', '=', 'reset').execute();
    const answers = await Promise.all([
      server.client().post('/api/auth/password-reset', { practice: slug, email: 'nobody@nowhere.example' }),
      server.client().post('/api/auth/password-reset', { practice: 'no-such-practice', email: emailOf(slug, 'p2') }),
      server.client().post('/api/auth/password-reset', { practice: otherSlug, email: emailOf(slug, 'p2') }),
      server.client().post('/api/auth/password-reset', { practice: slug, email: emailOf(slug, 'c4') }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(202);
      expect(res.text).toBe('');
    }
    const after = await server.db.selectFrom('outbox').select('id').where('template', '=', 'reset').execute();
    expect(after).toHaveLength(before.length);
    const known = await server
      .client()
      .post('/api/auth/password-reset', { practice: slug, email: emailOf(slug, 'p2') });
    expect(known.status).toBe(202);
    expect(known.text).toBe('');
    expect(await outboxCount(ids.p2!, 'reset')).toBe(1);
  });

  it('R28/R29: a reset link sets the password once and ends every old session', async () => {
    const email = emailOf(slug, 'p3');
    const oldSession = await server.client().login(slug, email, PASSWORD);
    await server.client().post('/api/auth/password-reset', { practice: slug, email });
    const token = await latestLinkToken(server, practiceId, ids.p3!, 'reset');
    const weak = await server.client().post('/api/auth/password-reset/confirm', { token, password: 'password1234' });
    expect(weak.body.error.code).toBe('weak_password');
    const ok = await server.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect((await oldSession.get('/api/me')).status).toBe(401);
    const oldPassword = await server.client().post('/api/auth/login', { practice: slug, email, password: PASSWORD });
    expect(oldPassword.status).toBe(401);
    await server.client().login(slug, email, NEW_PASSWORD);
    const reused = await server
      .client()
      .post('/api/auth/password-reset/confirm', { token, password: `${NEW_PASSWORD}!` });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_token');
    await server.client().login(slug, email, NEW_PASSWORD);
    const audit = await auditEvents(server, practiceId, 'auth.password_reset');
    expect(audit.map((a) => a.targets)).toContainEqual({ userId: ids.p3 });
  });

  it('R28: an expired reset link is refused and the password stays', async () => {
    const email = emailOf(slug, 'fo');
    await server.client().post('/api/auth/password-reset', { practice: slug, email });
    const token = await latestLinkToken(server, practiceId, ids.fo!, 'reset');
    await server.db
      .updateTable('tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', ids.fo!)
      .execute();
    const res = await server.client().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_token');
    await server.client().login(slug, email, PASSWORD);
  });

  it('R28: a disabled staff member gets no reset link', async () => {
    expect((await admin.patch(`/api/admin/staff/${ids.agent}`, { disabled: true })).status).toBe(200);
    const res = await server
      .client()
      .post('/api/auth/password-reset', { practice: slug, email: emailOf(slug, 'agent') });
    expect(res.status).toBe(202);
    expect(await outboxCount(ids.agent!, 'reset')).toBe(0);
  });
});
