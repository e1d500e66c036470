import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const NEW_PASSWORD = 'quiet-meadow-ferry-1987';

describe(`the Account page's calls (${testDb})`, () => {
  let server: TestServer;
  let slug: string;

  beforeAll(async () => {
    server = await startTestServer();
    slug = uniqueSlug('acct');
    await server.seed(standardPractice(slug));
  });
  afterAll(() => server?.close());

  const signInFrom = async (key: string, userAgent?: string, password = PASSWORD) => {
    const client = server.client();
    const res = await client.request(
      'POST',
      '/api/auth/login',
      { practice: slug, email: emailOf(slug, key), password },
      { headers: userAgent ? { 'user-agent': userAgent } : {} },
    );
    expect(res.status, res.text).toBe(200);
    return client;
  };

  it('R52: the signed-in sessions list names each device, address and time, marks this one, and only the person’s own', async () => {
    const phone = await signInFrom('c1', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1');
    const desk = await signInFrom('c1', CHROME_ON_WINDOWS);
    await signInFrom('c2', CHROME_ON_WINDOWS);
    const res = await desk.get('/api/account/sessions');
    expect(res.status).toBe(200);
    expect(res.body.sessions).toEqual([
      expect.objectContaining({ device: 'Chrome on Windows', ip: '127.0.0.1', current: true }),
      expect.objectContaining({ device: 'Safari on iOS', ip: '127.0.0.1', current: false }),
    ]);
    expect(res.text).not.toMatch(/"id"/);
    // Sign out everywhere ends both.
    expect((await phone.post('/api/auth/logout?everywhere=true')).status).toBe(204);
    expect((await desk.get('/api/account/sessions')).status).toBe(401);
  });

  it('R52: a new password needs the current one and R28’s rules; it ends the other sessions, keeps this one, and is audited', async () => {
    const other = await signInFrom('p2');
    const here = await signInFrom('p2');
    const wrong = await here.post('/api/account/password', {
      currentPassword: 'not-my-password',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const weak = await here.post('/api/account/password', { currentPassword: PASSWORD, newPassword: 'qwertyuiopas' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect((await other.get('/api/me')).status).toBe(200);

    expect(
      (await here.post('/api/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status,
    ).toBe(204);
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    const old = await server
      .client()
      .post('/api/auth/login', { practice: slug, email: emailOf(slug, 'p2'), password: PASSWORD });
    expect(old.status).toBe(401);
    await signInFrom('p2', undefined, NEW_PASSWORD);
    const audit = await server.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_id', '=', here.user!.id)
      .where('action', '=', 'auth.password_changed')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('R52: without the CSRF token a password change is refused', async () => {
    const client = await signInFrom('p3');
    const res = await client.request(
      'POST',
      '/api/account/password',
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      { csrf: false },
    );
    expect(res.status).toBe(403);
  });
});
