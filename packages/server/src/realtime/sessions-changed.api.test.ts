import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { latestLinkToken } from '../../test/links';

const NEW_PASSWORD = 'copper-meadow-harbor-71';

describe(`the operations that end sessions say so (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  let notices = 0;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('ended'));
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
    // What the realtime module listens to: each notice makes every node re-check its sockets.
    server.ctx.bus.watchSessions(() => (notices += 1));
  });
  afterAll(() => server?.close());

  const noticesDuring = async (work: () => Promise<unknown>) => {
    const before = notices;
    await work();
    return notices - before;
  };

  it('R29: admin and account calls that end no session send no notice, whatever their path', async () => {
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const p1 = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    expect(
      await noticesDuring(async () => {
        const created = await admin.post('/api/admin/clients', { name: 'New Client', email: `new@${slug}.example` });
        expect(created.status).toBe(201);
        expect((await admin.patch('/api/admin/settings', { minBodyLength: 12 })).status).toBe(200);
        expect((await admin.patch(`/api/admin/staff/${ids.p2}`, { role: 'front_office' })).status).toBe(200);
        expect((await p1.post('/api/auth/mfa/setup')).status).toBe(200);
      }),
    ).toBe(0);
  });

  it('R29: sign-out, disabling a staff member and a password set by link each say that sessions ended', async () => {
    const admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    const fo = await server.client().login(slug, emailOf(slug, 'fo'), PASSWORD);
    expect(await noticesDuring(() => fo.post('/api/auth/logout'))).toBe(1);
    expect(
      await noticesDuring(async () => {
        expect((await admin.patch(`/api/admin/staff/${ids.biller}`, { disabled: true })).status).toBe(200);
      }),
    ).toBe(1);
    const email = emailOf(slug, 'p3');
    await server.client().post('/api/auth/password-reset', { practice: slug, email });
    const token = await latestLinkToken(server, practiceId, ids.p3!, 'reset');
    expect(
      await noticesDuring(async () => {
        const confirmed = await server
          .client()
          .post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
        expect(confirmed.status).toBe(200);
      }),
    ).toBe(1);
  });
});
