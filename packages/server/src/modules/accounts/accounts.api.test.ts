import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { filesBelow, filesContaining } from '../../../test/scan';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe(`accounts (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let ids: Record<string, string>;
  let otherSlug: string;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('acct'), { requireStaffMfa: true });
    fixture.staff.push({
      key: 'mfa',
      name: 'Staff With Totp',
      email: `mfa@${fixture.practice.slug}.example`,
      password: PASSWORD,
      role: 'provider',
      admin: false,
      totpSecret: TOTP_SECRET,
    } as never);
    slug = fixture.practice.slug;
    ({ ids } = await server.seed(fixture));
    const other = standardPractice(uniqueSlug('other'));
    otherSlug = other.practice.slug;
    await server.seed(other);
  });
  afterAll(() => server.close());

  it('R28: signed out, /api/me answers 401 unauthenticated', async () => {
    const res = await server.client().get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('R30: signed out, a call with a malformed body still answers 401, before its input is judged', async () => {
    const res = await server.client().post('/api/threads', { nonsense: true });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('R29: signed in without the CSRF token, a malformed body answers 403 csrf_failed', async () => {
    const client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    const res = await client.request('POST', '/api/threads', { nonsense: true }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
  });

  it('R28: a client signs in with email and password; /api/me shows who and where', async () => {
    const client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      id: ids.c1,
      kind: 'client',
      role: 'client',
      status: 'active',
      name: 'Client One Canary',
    });
    expect(me.body.practice).toMatchObject({ slug });
    expect(me.body.csrfToken).toBe(client.csrfToken);
    expect(me.body.unread).toBe(0);
  });

  it('R28: a wrong password and an unknown email answer the same 401 invalid_credentials', async () => {
    const wrong = await server
      .client()
      .post('/api/auth/login', { practice: slug, email: emailOf(slug, 'c2'), password: 'not-the-password-1' });
    const unknown = await server
      .client()
      .post('/api/auth/login', { practice: slug, email: 'nobody@nowhere.example', password: PASSWORD });
    const noPractice = await server
      .client()
      .post('/api/auth/login', { practice: 'no-such-practice', email: emailOf(slug, 'c2'), password: PASSWORD });
    for (const res of [wrong, unknown, noPractice]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
    }
  });

  it('R30: other practice — credentials of one practice do not open another', async () => {
    const res = await server
      .client()
      .post('/api/auth/login', { practice: otherSlug, email: emailOf(slug, 'c1'), password: PASSWORD });
    expect(res.status).toBe(401);
  });

  it('R28: a client without a portal account cannot sign in', async () => {
    const res = await server
      .client()
      .post('/api/auth/login', { practice: slug, email: emailOf(slug, 'c4'), password: PASSWORD });
    expect(res.status).toBe(401);
  });

  it('R28: staff with TOTP enrolled need the code: none → mfa_required, wrong → refused, right → in', async () => {
    const email = `mfa@${slug}.example`;
    const none = await server.client().post('/api/auth/login', { practice: slug, email, password: PASSWORD });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('mfa_required');
    const wrongCode = (Number(await generate({ secret: TOTP_SECRET })) + 1) % 1_000_000;
    const wrong = await server
      .client()
      .post('/api/auth/login', { practice: slug, email, password: PASSWORD, totp: String(wrongCode).padStart(6, '0') });
    expect(wrong.status).toBe(401);
    const client = await server.client().login(slug, email, PASSWORD, await generate({ secret: TOTP_SECRET }));
    const me = await client.get('/api/me');
    expect(me.body.user.mfaEnabled).toBe(true);
    expect(me.body.mfaEnrollmentRequired).toBe(false);
  });

  it('R28: staff of a practice requiring two-factor must enrol before anything else, then sign-in asks for the code', async () => {
    const email = emailOf(slug, 'p3');
    const client = await server.client().login(slug, email, PASSWORD);
    const me = await client.get('/api/me');
    expect(me.body.mfaEnrollmentRequired).toBe(true);
    const blocked = await client.get('/api/admin/settings');
    expect(blocked.status).toBe(403);
    const setup = await client.post('/api/auth/mfa/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.body.otpauthUrl).not.toContain('Staff');
    const enable = await client.post('/api/auth/mfa/enable', { totp: await generate({ secret: setup.body.secret }) });
    expect(enable.status).toBe(204);
    expect((await client.get('/api/me')).body.mfaEnrollmentRequired).toBe(false);
    const again = await server.client().post('/api/auth/login', { practice: slug, email, password: PASSWORD });
    expect(again.body.error.code).toBe('mfa_required');
  });

  it('R28: five failures in a row lock the account, even for the right password', async () => {
    const email = emailOf(slug, 'p2');
    for (let i = 0; i < 5; i += 1) {
      const res = await server
        .client()
        .post('/api/auth/login', { practice: slug, email, password: `wrong-password-${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await server.client().post('/api/auth/login', { practice: slug, email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
  });

  it('R29: a state-changing call without the CSRF token answers 403 csrf_failed', async () => {
    const client = await server.client().login(slug, emailOf(slug, 'biller'), PASSWORD);
    const res = await client.request('POST', '/api/auth/logout', undefined, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('R29: the session cookie is httpOnly and SameSite; sign out ends the session', async () => {
    const client = server.client();
    const res = await client.post('/api/auth/login', {
      practice: slug,
      email: emailOf(slug, 'fo'),
      password: PASSWORD,
    });
    const cookie = res.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('R29: sign out everywhere ends every session of that person', async () => {
    const a = await server.client().login(slug, emailOf(slug, 'agent'), PASSWORD);
    const b = await server.client().login(slug, emailOf(slug, 'agent'), PASSWORD);
    expect((await a.post('/api/auth/logout?everywhere=true')).status).toBe(204);
    expect((await b.get('/api/me')).status).toBe(401);
  });

  it('R29: a session idle past the practice timeout is refused on the server', async () => {
    const client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    const past = new Date(Date.now() - 16 * 60_000).toISOString();
    await server.db.updateTable('sessions').set({ last_seen_at: past }).where('user_id', '=', ids.c1!).execute();
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('R29: a session past its 12-hour lifetime is refused even when active', async () => {
    const client = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    await server.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', ids.c1!)
      .execute();
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('R31: the database holds no plaintext of a client name or email', async () => {
    if (testDb === 'postgres') {
      const rows = await server.db.selectFrom('users').selectAll().execute();
      const dump = JSON.stringify(rows);
      expect(dump).not.toContain('Canary');
      expect(dump).not.toContain(emailOf(slug, 'c1'));
      return;
    }
    const files = filesBelow(server.dataDir).filter((f) => f.includes('confide.db'));
    expect(files.length).toBeGreaterThan(0);
    expect(filesContaining(files, 'Canary')).toEqual([]);
    expect(filesContaining(files, emailOf(slug, 'c1'))).toEqual([]);
  });

  it('R34: a malformed sign-in answers 400 validation_failed with a JSON error', async () => {
    const res = await server.client().post('/api/auth/login', { practice: slug, email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
