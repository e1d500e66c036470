import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { KeyRing } from './keyring';
import { rotateKeys } from './rotate';

// In this process the rotation clears the one key cache itself, so there is nothing to wait for.
const noWait = () => Promise.resolve();

describe(`key rotation (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let practiceId: string;
  let ids: Record<string, string>;
  let admin: TestClient;

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('rotate'));
    slug = fixture.practice.slug;
    ({ practiceId, ids } = await server.seed(fixture));
    await server.seed(standardPractice(uniqueSlug('other')));
    admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
  });
  afterAll(() => server.close());

  const activeKeyId = async () =>
    (
      await server.db
        .selectFrom('practice_keys')
        .select('id')
        .where('practice_id', '=', practiceId)
        .where('purpose', '=', 'data')
        .where('active', '=', 1)
        .executeTakeFirstOrThrow()
    ).id;
  const userCiphertexts = async () =>
    (
      await server.db
        .selectFrom('users')
        .select(['name_enc', 'email_enc'])
        .where('practice_id', '=', practiceId)
        .execute()
    ).flatMap((r) => [r.name_enc, r.email_enc]);

  it('R31: after rotating with re-encryption every ciphertext names the new key and everything still reads', async () => {
    const before = await activeKeyId();
    const session = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    const report = await rotateKeys(server.ctx, { reencrypt: true, waitForPropagation: noWait });
    expect(report.practices).toBe(2);
    const after = await activeKeyId();
    expect(after).not.toBe(before);
    const texts = await userCiphertexts();
    expect(report.reencrypted).toBeGreaterThanOrEqual(texts.length);
    for (const text of texts) expect(text.startsWith(`v1:${after}:`)).toBe(true);

    expect((await session.get('/api/me')).body.user.name).toBe('Client One Canary');
    const fresh = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    expect((await fresh.get('/api/me')).body.user).toMatchObject({ id: ids.c1, name: 'Client One Canary' });
    const clients = await admin.get('/api/admin/clients');
    expect(clients.body.clients.map((c: { name: string }) => c.name)).toContain('Client Two');
  });

  it('R31: rotating without re-encryption leaves old text under the old key, readable; new text uses the new key', async () => {
    const previous = await activeKeyId();
    await rotateKeys(server.ctx, { reencrypt: false, waitForPropagation: noWait });
    const current = await activeKeyId();
    expect(current).not.toBe(previous);
    for (const text of await userCiphertexts()) expect(text.startsWith(`v1:${previous}:`)).toBe(true);
    const renamed = await admin.patch(`/api/admin/clients/${ids.c2}`, { name: 'Client Two Renamed' });
    expect(renamed.status).toBe(200);
    const row = await server.db
      .selectFrom('users')
      .select('name_enc')
      .where('id', '=', ids.c2!)
      .executeTakeFirstOrThrow();
    expect(row.name_enc.startsWith(`v1:${current}:`)).toBe(true);
    await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    const names = (await admin.get('/api/admin/clients')).body.clients.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Client One Canary', 'Client Two Renamed']));
  });

  it('R31: a rotation run by another process (the CLI, another node) never leaves a running server unable to read', async () => {
    const session = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    expect((await session.get('/api/me')).status).toBe(200);
    // The other process has its own key cache; this server keeps the keys it loaded.
    const otherProcess = { ...server.ctx, keys: new KeyRing(server.ctx.keys.master) };
    await rotateKeys(otherProcess, {
      reencrypt: true,
      // Stands in for the wait that lets every node's key cache expire and load the staged key.
      waitForPropagation: async () => {
        expect((await session.get('/api/me')).status).toBe(200);
        await server.ctx.keys.reload(server.ctx.db, practiceId);
      },
    });
    const me = await session.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe('Client One Canary');
    const renamed = await admin.patch(`/api/admin/clients/${ids.c1}`, { name: 'Client One Canary' });
    expect(renamed.status).toBe(200);
  });
});
