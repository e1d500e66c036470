import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { newId } from '../ids';
import { enqueueEmails } from '../outbox/enqueue';
import { recordEvents } from '../realtime/event-log';
import { transact } from './transact';

describe(`one unit of work: events and email after commit (${testDb})`, () => {
  let server: TestServer;
  let practiceId: string;
  let userId: string;

  const event = () => ({ userId, event: { type: 'message.created' as const, threadId: 'unit', messageId: newId() } });
  const rowsFor = async (table: 'events' | 'outbox') =>
    (
      await server.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('practice_id', '=', practiceId)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seed(standardPractice(uniqueSlug('transact')));
    practiceId = seeded.practiceId;
    userId = seeded.ids.fo!;
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => server?.close());

  it('R12, R21: live events and the mail worker are told only once the transaction has committed', async () => {
    const publish = vi.spyOn(server.ctx.bus, 'publish');
    const wake = vi.spyOn(server.ctx.mail, 'wake');
    const stored = await transact(server.ctx, async (tx) => {
      const written = await recordEvents(tx, practiceId, [event(), event()]);
      await enqueueEmails(tx, [{ practiceId, recipientId: userId, template: 'new_message' }]);
      expect(publish).not.toHaveBeenCalled();
      expect(wake).not.toHaveBeenCalled();
      return written;
    });
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith(stored);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('R34: a transaction that rolls back announces nothing and leaves no event or email behind', async () => {
    const publish = vi.spyOn(server.ctx.bus, 'publish');
    const wake = vi.spyOn(server.ctx.mail, 'wake');
    const before = [await rowsFor('events'), await rowsFor('outbox')];
    await expect(
      transact(server.ctx, async (tx) => {
        await recordEvents(tx, practiceId, [event()]);
        await enqueueEmails(tx, [{ practiceId, recipientId: userId, template: 'new_message' }]);
        throw new Error('the work failed after writing');
      }),
    ).rejects.toThrow('the work failed after writing');
    expect(publish).not.toHaveBeenCalled();
    expect(wake).not.toHaveBeenCalled();
    expect([await rowsFor('events'), await rowsFor('outbox')]).toEqual(before);
  });

  it('R12, R21: work that records nothing publishes nothing and leaves the mail worker asleep', async () => {
    const publish = vi.spyOn(server.ctx.bus, 'publish');
    const wake = vi.spyOn(server.ctx.mail, 'wake');
    expect(await transact(server.ctx, async () => 'done')).toBe('done');
    expect(publish).not.toHaveBeenCalled();
    expect(wake).not.toHaveBeenCalled();
  });

  it('R12, R21: events or email written in a transaction not opened by transact are refused before any write', async () => {
    const before = [await rowsFor('events'), await rowsFor('outbox')];
    await expect(server.ctx.db.transaction().execute((tx) => recordEvents(tx, practiceId, [event()]))).rejects.toThrow(
      'inside transact()',
    );
    await expect(
      server.ctx.db
        .transaction()
        .execute((tx) => enqueueEmails(tx, [{ practiceId, recipientId: userId, template: 'new_message' }])),
    ).rejects.toThrow('inside transact()');
    expect([await rowsFor('events'), await rowsFor('outbox')]).toEqual(before);
  });
});
