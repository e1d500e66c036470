import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../../test/clock';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { openLive } from '../../../test/live';
import { startPeerServer } from '../../../test/peer-server';
import { rfc6238 } from '../../../test/totp';
import { systemClock } from '../../clock';
import { PracticeFixture } from '../practices/fixture';

/** 160 bits, as authenticator apps usually issue. */
const SECRET_160 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** 80 bits: the common 16-character secret, RFC 4226's floor. */
const SECRET_80 = 'GEZDGNBVGY3TQOJQ';

describe(`sign-in security (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let clock: TestClock;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('signin'), { idleTimeoutMinutes: 15 });
    const withTotp = (key: string, totpSecret: string) => ({
      key,
      name: `Staff ${key}`,
      email: `${key}@${fixture.practice.slug}.example`,
      password: PASSWORD,
      role: 'provider' as const,
      totpSecret,
    });
    fixture.staff.push(withTotp('mfa', SECRET_160), withTotp('short', SECRET_80), withTotp('again', SECRET_160));
    slug = fixture.practice.slug;
    await server.seed(fixture);
  });
  beforeEach(() => {
    // Mid-step, so the codes of "now" stay current however slow the machine.
    clock = new TestClock(Math.floor(Date.now() / 30_000) * 30_000 + 15_000);
    server.ctx.clock = clock;
  });
  afterAll(async () => {
    server.ctx.clock = systemClock;
    await server.close();
  });

  const signIn = (key: string, password = PASSWORD, totp?: string) =>
    server.client().post('/api/auth/login', {
      practice: slug,
      email: `${key}@${slug}.example`,
      password,
      ...(totp ? { totp } : {}),
    });

  it('R28: a TOTP code signs in once; the same code again is refused', async () => {
    const code = rfc6238(SECRET_160, clock.now().getTime());
    expect((await signIn('mfa', PASSWORD, code)).status).toBe(200);
    const replay = await signIn('mfa', PASSWORD, code);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('mfa_required');
    // An older code of the drift window is refused too; the next step's code signs in.
    expect((await signIn('mfa', PASSWORD, rfc6238(SECRET_160, clock.now().getTime() - 30_000))).status).toBe(401);
    clock.advance(30_000);
    expect((await signIn('mfa', PASSWORD, rfc6238(SECRET_160, clock.now().getTime()))).status).toBe(200);
  });

  it('R28: the code that confirms two-factor enrolment cannot sign in afterwards', async () => {
    const client = await server.client().login(slug, emailOf(slug, 'p3'), PASSWORD);
    const setup = await client.post('/api/auth/mfa/setup');
    const code = rfc6238(setup.body.secret as string, clock.now().getTime());
    expect((await client.post('/api/auth/mfa/enable', { totp: code })).status).toBe(204);
    const replay = await signIn('p3', PASSWORD, code);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('mfa_required');
    clock.advance(30_000);
    expect((await signIn('p3', PASSWORD, rfc6238(setup.body.secret as string, clock.now().getTime()))).status).toBe(
      200,
    );
  });

  it('R28: an 80-bit (16-character) TOTP secret signs in with its RFC 6238 code', async () => {
    const res = await signIn('short', PASSWORD, rfc6238(SECRET_80, clock.now().getTime()));
    expect(res.status).toBe(200);
  });

  it('R28: a TOTP secret under 80 bits is refused in a seed fixture, naming the rule', () => {
    const fixture = standardPractice(uniqueSlug('weak-totp'));
    fixture.staff.push({ ...fixture.staff[1]!, key: 'weak', email: 'weak@x.example', totpSecret: 'JBSWY3DPEHPK3PX' });
    const parsed = PracticeFixture.safeParse(fixture);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/at least 80 bits/);
  });

  it('R28: a seed fixture with a guessable password is refused, naming whose', async () => {
    const fixture = standardPractice(uniqueSlug('weak-pass'));
    fixture.clients[0]!.password = 'Confide2026!!';
    await expect(server.seed(fixture)).rejects.toThrow(/"c1".*too easy to guess/);
  });

  it('R28: after five failures a known email and an unknown one answer exactly alike', async () => {
    const attempts = async (email: string) => {
      const answers: Array<{ status: number; body: unknown }> = [];
      for (let i = 0; i < 7; i += 1) {
        const password = i === 6 ? PASSWORD : `wrong-password-${i}`;
        const res = await server.client().post('/api/auth/login', { practice: slug, email, password });
        answers.push({ status: res.status, body: res.body });
      }
      return answers;
    };
    const known = await attempts(emailOf(slug, 'p2'));
    const unknown = await attempts(`nobody-here@${slug}.example`);
    expect(known).toEqual(unknown);
    expect(known.slice(0, 5).every((a) => a.status === 401)).toBe(true);
    expect(known[5]).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    // The lock holds for the right password too, and ends after LOCK_MINUTES.
    expect(known[6]?.status).toBe(429);
    clock.advance(16 * 60_000);
    expect((await signIn('p2')).status).toBe(200);
  });

  it('R28: more than ten sign-in attempts a minute for one email are refused with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await signIn('fo')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
    clock.advance(61_000);
    expect((await signIn('fo')).status).toBe(200);
  });

  it('R29: background requests and the live socket never keep a session alive; an own action does', async () => {
    const quiet = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    const busy = await server.client().login(slug, emailOf(slug, 'c2'), PASSWORD);
    const background = { headers: { 'X-Confide-Background': '1' } };
    // Ten minutes of refetches and live events, nothing touched.
    clock.advance(10 * 60_000);
    expect((await quiet.request('GET', '/api/threads?folder=inbox', undefined, background)).status).toBe(200);
    expect((await busy.request('GET', '/api/threads?folder=inbox', undefined)).status).toBe(200);
    const socket = await openLive(server.url, quiet);
    socket.close();
    const me = await quiet.request('GET', '/api/me', undefined, background);
    expect(me.body.idleSecondsLeft).toBeLessThanOrEqual(5 * 60);
    // Sixteen minutes after the last own action, the quiet session is over; the busy one lives.
    clock.advance(6 * 60_000);
    const after = await quiet.request('GET', '/api/threads?folder=inbox', undefined, background);
    expect(after.status).toBe(401);
    expect((await busy.request('GET', '/api/threads?folder=inbox', undefined, background)).status).toBe(200);
  });
});

// Several app nodes exist only on PostgreSQL (SPEC §5).
describe.runIf(testDb === 'postgres')('sign-in budget across nodes', () => {
  let nodeA: TestServer;
  let nodeB: TestServer;
  let slug: string;

  beforeAll(async () => {
    nodeA = await startTestServer();
    nodeB = await startPeerServer(nodeA);
    const fixture = standardPractice(uniqueSlug('budget'));
    slug = fixture.practice.slug;
    await nodeA.seed(fixture);
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  it('R28: two nodes spend one sign-in budget: ten attempts split between them, the eleventh is refused on either', async () => {
    const email = emailOf(slug, 'biller');
    const attempt = (node: TestServer) =>
      node.client().post('/api/auth/login', { practice: slug, email, password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await attempt(i % 2 === 0 ? nodeA : nodeB)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    expect((await attempt(nodeA)).status).toBe(429);
    expect((await attempt(nodeB)).status).toBe(429);
  });
});
