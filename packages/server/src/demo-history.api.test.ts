import { REPLY_BLOCKED_SHARED_MESSAGE } from '@confide/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDb, type TestServer } from '../test/harness';
import { ensureDemo } from './demo';

describe(`demo history (${testDb})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await ensureDemo(server.ctx);
  });
  afterAll(() => server.close());

  const signIn = (email: string) => server.client().login('demo', email, 'riverside-demo-2026');

  it('R8/R12: the demo has real threads, with unread messages waiting', async () => {
    const alex = await signIn('alex@client.example');
    const inbox = await alex.get('/api/threads?folder=inbox');
    expect(inbox.body.threads.map((t: { subject: string }) => t.subject)).toEqual(
      expect.arrayContaining(['Moving Thursday’s session', 'Office closed Monday for the holiday']),
    );
    expect((await alex.get('/api/unread')).body.count).toBe(2);
    const chen = await signIn('maya@riverside.example');
    expect((await chen.get('/api/unread')).body.count).toBeGreaterThan(0);
  });

  it('R9/R36: the demo group notice to two clients has replies turned off, and shows Jordan no other client', async () => {
    const jordan = await signIn('jordan@client.example');
    const inbox = await jordan.get('/api/threads?folder=inbox');
    const notice = inbox.body.threads.find((t: { subject: string }) => t.subject.startsWith('Office closed'));
    const view = await jordan.get(`/api/threads/${notice.id}`);
    expect(view.body.thread).toMatchObject({ canReply: false, replyBlockedReason: REPLY_BLOCKED_SHARED_MESSAGE });
    expect(view.body.thread.participants.filter((p: { kind: string }) => p.kind === 'client')).toEqual([
      expect.objectContaining({ name: 'Jordan Lee' }),
    ]);
  });

  it('§4: running the demo again adds no history', async () => {
    const before = await server.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await ensureDemo(server.ctx);
    const after = await server.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(Number(after.n)).toBe(10);
  });
});
