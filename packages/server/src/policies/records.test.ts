import { describe, expect, it } from 'vitest';
import { canDownloadOwnRecords, exportDecision } from './records';
import type { PolicyActor } from './types';

const actor = (over: Partial<PolicyActor>): PolicyActor => ({
  userId: 'u',
  kind: 'staff',
  role: 'provider',
  status: 'active',
  isAdmin: false,
  ...over,
});

describe('who may export a thread (R49) and download their records (R50)', () => {
  it.each([
    ['a staff participant', actor({}), true, 'allowed'],
    ['an external agent on the thread', actor({ role: 'external_agent' }), true, 'allowed'],
    ['staff not on the thread', actor({ role: 'front_office' }), false, 'not_found'],
    ['an admin not on the thread', actor({ isAdmin: true, role: 'biller' }), false, 'allowed'],
    ['a client on the thread', actor({ kind: 'client', role: 'client' }), true, 'forbidden'],
    ['a client not on the thread', actor({ kind: 'client', role: 'client' }), false, 'not_found'],
    ['a disabled admin', actor({ isAdmin: true, status: 'disabled' }), true, 'not_found'],
  ] as const)('R49: %s → %s', (_name, who, isParticipant, expected) => {
    expect(exportDecision(who, isParticipant)).toBe(expected);
  });

  it('R50: clients download their own records; staff do not use that route', () => {
    expect(canDownloadOwnRecords(actor({ kind: 'client', role: 'client' }))).toBe(true);
    expect(canDownloadOwnRecords(actor({ kind: 'client', role: 'client', status: 'inactive' }))).toBe(true);
    expect(canDownloadOwnRecords(actor({ isAdmin: true }))).toBe(false);
  });
});
