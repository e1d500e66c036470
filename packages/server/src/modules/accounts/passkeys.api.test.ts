import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/client';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { SoftPasskey } from '../../../test/webauthn';
import { MAX_FAILED_LOGINS } from './login-failures';
import { SIGN_IN_LIMIT } from './sign-in-throttle';

const RP_ID = 'confide.test';
const ORIGIN = 'http://confide.test';

describe(`passkeys (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let mfaSlug: string;
  let otherSlug: string;

  beforeAll(async () => {
    server = await startTestServer();
    slug = uniqueSlug('pk');
    mfaSlug = uniqueSlug('pk-mfa');
    otherSlug = uniqueSlug('pk-other');
    await server.seed(standardPractice(slug));
    await server.seed(standardPractice(mfaSlug, { requireStaffMfa: true }));
    await server.seed(standardPractice(otherSlug));
  });
  afterAll(() => server?.close());

  const signIn = (practice: string, key: string) => server.client().login(practice, emailOf(practice, key), PASSWORD);

  /** Registers a new software passkey for a signed-in person; answers the passkey and its id. */
  async function register(client: TestClient, name = 'Laptop') {
    const key = new SoftPasskey(RP_ID, ORIGIN);
    const options = await client.post('/api/account/passkeys/options');
    expect(options.status).toBe(200);
    const res = await client.post('/api/account/passkeys', { name, credential: key.create(options.body.options) });
    expect(res.status, res.text).toBe(201);
    return { key, passkey: res.body.passkey as { id: string; name: string } };
  }

  /** Signs in with a passkey at a practice, as a fresh browser. */
  async function passkeySignIn(practice: string, key: SoftPasskey, origin?: string) {
    const client = server.client();
    const options = await client.post('/api/auth/passkey/options', { practice });
    expect(options.status).toBe(200);
    const res = await client.post('/api/auth/passkey', { practice, credential: key.get(options.body.options, origin) });
    return { client, res };
  }

  const auditActions = async (userId: string) =>
    (
      await server.db
        .selectFrom('audit_events')
        .select(['action', 'targets'])
        .where('actor_id', '=', userId)
        .orderBy('seq')
        .execute()
    ).map((row) => `${row.action} ${row.targets}`);

  it('R53: a client registers a passkey, lists, renames and removes it; it signs in instead of password and code', async () => {
    const client = await signIn(slug, 'c1');
    const { key, passkey } = await register(client, 'My phone');
    expect(passkey.name).toBe('My phone');
    const list = await client.get('/api/account/passkeys');
    expect(list.body.passkeys).toEqual([
      expect.objectContaining({ id: passkey.id, name: 'My phone', lastUsedAt: null }),
    ]);
    // No key material leaves the server.
    expect(list.text).not.toContain(key.id);

    const { client: fresh, res } = await passkeySignIn(slug, key);
    expect(res.status, res.text).toBe(200);
    expect(res.body.user.email).toBe(emailOf(slug, 'c1'));
    expect((await fresh.get('/api/me')).status).toBe(200);
    expect((await client.get('/api/account/passkeys')).body.passkeys[0].lastUsedAt).not.toBeNull();

    const renamed = await client.patch(`/api/account/passkeys/${passkey.id}`, { name: '  Work laptop\u202e ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.passkey.name).toBe('Work laptop');
    expect((await client.delete(`/api/account/passkeys/${passkey.id}`)).status).toBe(204);
    expect((await client.get('/api/account/passkeys')).body.passkeys).toEqual([]);
    expect((await passkeySignIn(slug, key)).res.status).toBe(401);

    const actions = await auditActions(client.user!.id);
    expect(actions.filter((a) => a.startsWith('auth.passkey_'))).toEqual([
      `auth.passkey_added {"passkeyId":"${passkey.id}"}`,
      `auth.passkey_renamed {"passkeyId":"${passkey.id}"}`,
      `auth.passkey_removed {"passkeyId":"${passkey.id}"}`,
    ]);
    expect(actions).toContain(`auth.login {"method":"passkey","passkeyId":"${passkey.id}"}`);
    const unknown = await server.db
      .selectFrom('audit_events')
      .select('targets')
      .where('action', '=', 'auth.login_failed')
      .where('actor_id', 'is', null)
      .execute();
    expect(unknown.map((row) => row.targets)).toContain('{"method":"passkey","reason":"unknown_passkey"}');
  });

  it('R53: another person’s passkey cannot be renamed or removed (404), and a practice’s passkey signs in nowhere else', async () => {
    const owner = await signIn(slug, 'c2');
    const { key, passkey } = await register(owner);
    const other = await signIn(slug, 'p1');
    expect((await other.patch(`/api/account/passkeys/${passkey.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await other.delete(`/api/account/passkeys/${passkey.id}`)).status).toBe(404);
    expect((await other.get('/api/account/passkeys')).body.passkeys).toEqual([]);
    const elsewhere = await passkeySignIn(otherSlug, key);
    expect(elsewhere.res.status).toBe(401);
    expect(elsewhere.res.body.error.code).toBe('invalid_credentials');
    expect((await passkeySignIn(slug, key)).res.status).toBe(200);
  });

  it('R53: a challenge answers once, only from Confide’s origin, and only with user verification', async () => {
    const client = await signIn(slug, 'p2');
    const { key } = await register(client);
    // Replay: the same signed answer a second time.
    const browser = server.client();
    const options = await browser.post('/api/auth/passkey/options', { practice: slug });
    const answer = key.get(options.body.options);
    expect((await browser.post('/api/auth/passkey', { practice: slug, credential: answer })).status).toBe(200);
    const replay = await server.client().post('/api/auth/passkey', { practice: slug, credential: answer });
    expect(replay.status).toBe(401);
    // A phishing site's origin.
    expect((await passkeySignIn(slug, key, 'http://confide.test.evil.example')).res.status).toBe(401);
    // An authenticator that skipped the PIN or biometric.
    key.isUserVerified = false;
    expect((await passkeySignIn(slug, key)).res.status).toBe(401);
    const unverified = new SoftPasskey(RP_ID, ORIGIN);
    unverified.isUserVerified = false;
    const regOptions = await client.post('/api/account/passkeys/options');
    const refused = await client.post('/api/account/passkeys', {
      name: 'No PIN',
      credential: unverified.create(regOptions.body.options),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    // A registration answer to a sign-in challenge (or another person's) is refused too.
    const stolen = await server.client().post('/api/auth/passkey/options', { practice: slug });
    const wrongPurpose = await client.post('/api/account/passkeys', {
      name: 'Stolen challenge',
      credential: new SoftPasskey(RP_ID, ORIGIN).create(stolen.body.options),
    });
    expect(wrongPurpose.status).toBe(400);
  });

  it('R53/R28: a passkey meets the practice’s two-factor rule for staff; the last one cannot be removed', async () => {
    const enrolling = await signIn(mfaSlug, 'p1');
    expect((await enrolling.get('/api/me')).body.mfaEnrollmentRequired).toBe(true);
    expect((await enrolling.get('/api/threads')).status).toBe(403);
    const { key, passkey } = await register(enrolling);
    expect((await enrolling.get('/api/me')).body.mfaEnrollmentRequired).toBe(false);
    expect((await enrolling.get('/api/threads')).status).toBe(200);

    const { client, res } = await passkeySignIn(mfaSlug, key);
    expect(res.status).toBe(200);
    expect((await client.get('/api/me')).body.mfaEnrollmentRequired).toBe(false);
    // The password alone no longer signs in: the passkey is this person's second factor.
    const password = await server.client().post('/api/auth/login', {
      practice: mfaSlug,
      email: emailOf(mfaSlug, 'p1'),
      password: PASSWORD,
    });
    expect(password.status).toBe(401);
    expect(password.body.error).toMatchObject({ code: 'mfa_required', details: { method: 'passkey' } });
    const removed = await client.delete(`/api/account/passkeys/${passkey.id}`);
    expect(removed.status).toBe(403);
    expect(removed.body.error.code).toBe('forbidden');
    const second = await register(client, 'Spare key');
    expect((await client.delete(`/api/account/passkeys/${passkey.id}`)).status).toBe(204);
    expect((await client.delete(`/api/account/passkeys/${second.passkey.id}`)).status).toBe(403);
  });

  it('R28/R53: a locked account stays locked for its passkey, a failed passkey counts towards the lock, a disabled one is refused', async () => {
    const client = await signIn(slug, 'p3');
    const { key } = await register(client);
    const bad = new SoftPasskey(RP_ID, ORIGIN);
    // A forged answer naming p3's credential, signed by another key: a failure for p3's email.
    Object.defineProperty(bad, 'credentialId', { value: Buffer.from(key.id, 'base64url') });
    const forged = await passkeySignIn(slug, bad);
    expect(forged.res.status).toBe(401);
    for (let i = 1; i < MAX_FAILED_LOGINS; i += 1) {
      await server
        .client()
        .post('/api/auth/login', { practice: slug, email: emailOf(slug, 'p3'), password: 'wrong-password-1' });
    }
    const locked = await passkeySignIn(slug, key);
    expect(locked.res.status).toBe(429);
    expect(locked.res.body.error.code).toBe('rate_limited');
    const reasons = (await auditActions(client.user!.id)).filter((a) => a.startsWith('auth.login_failed'));
    expect(reasons).toContain('auth.login_failed {"method":"passkey","reason":"passkey"}');
    expect(reasons).toContain('auth.login_failed {"method":"passkey","reason":"locked"}');

    const fo = await signIn(slug, 'fo');
    const foKey = (await register(fo)).key;
    const admin = await signIn(slug, 'admin');
    expect((await admin.patch(`/api/admin/staff/${fo.user!.id}`, { disabled: true })).status).toBe(200);
    expect((await passkeySignIn(slug, foKey)).res.status).toBe(401);
  });

  it('R28: passkey sign-in shares the sign-in rate limit', async () => {
    const client = server.client();
    const practice = uniqueSlug('pk-limit');
    const answers = [];
    for (let i = 0; i <= SIGN_IN_LIMIT; i += 1) {
      answers.push((await client.post('/api/auth/passkey/options', { practice })).status);
    }
    expect(answers.slice(0, SIGN_IN_LIMIT).every((s) => s === 200)).toBe(true);
    expect(answers[SIGN_IN_LIMIT]).toBe(429);
  });
});
