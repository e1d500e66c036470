import { describe, expect, it } from 'vitest';
import type { Message } from '../../api';
import { awaitingReply, formatReplyBy } from './reply-by';

const NY = 'America/New_York';
const now = new Date('2026-03-06T20:00:00-05:00');

describe('R39 reply-by wording', () => {
  it.each([
    ['2026-03-10T21:00:00Z', NY, NY, 'Tue, 5 pm'],
    ['2026-03-10T13:30:00Z', NY, NY, 'Tue, 9:30 am'],
    ['2026-03-10T21:00:00Z', NY, 'Europe/Berlin', 'Tue, 5 pm EDT'],
    ['2026-03-10T21:00:00Z', 'America/Los_Angeles', 'America/Los_Angeles', 'Tue, 2 pm'],
    ['2026-03-16T21:00:00Z', NY, NY, 'Mon, Mar 16, 5 pm'],
  ])('R39: %s in %s (reader in %s) reads %j', (iso, zone, reader, words) => {
    expect(formatReplyBy(iso, zone, now, reader)).toBe(words);
  });

  it('R39: the promise sits under the last message when it is the client’s', () => {
    const message = (id: string, kind: 'client' | 'staff', expectedReplyBy: string | null) =>
      ({ id, sender: { id: kind, name: kind, kind, role: kind }, expectedReplyBy }) as unknown as Message;
    expect(awaitingReply([message('a', 'client', 'x'), message('b', 'client', 'y')])?.id).toBe('b');
    expect(awaitingReply([message('a', 'client', 'x'), message('b', 'staff', null)])).toBeNull();
    expect(awaitingReply([message('a', 'client', null)])).toBeNull();
    expect(awaitingReply([])).toBeNull();
  });
});
