import { describe, expect, it } from 'vitest';
import { canReadAccessReport } from './access';
import type { PolicyActor } from './types';

const staff = (role: PolicyActor['role'], extra: Partial<PolicyActor> = {}): PolicyActor => ({
  userId: 'me',
  kind: 'staff',
  role,
  status: 'active',
  isAdmin: false,
  ...extra,
});

describe('canReadAccessReport', () => {
  it.each<[string, PolicyActor, string[], boolean]>([
    ['R38: a provider on the care team', staff('provider'), ['me'], true],
    ['R38: a provider not on the care team', staff('provider'), ['other'], false],
    ['R38: an admin (front office) not on the care team', staff('front_office', { isAdmin: true }), [], true],
    ['R38: front office, not admin', staff('front_office'), ['me'], false],
    ['R38: a biller', staff('biller'), [], false],
    ['R38: an external agent', staff('external_agent'), ['me'], false],
    ['R38: a disabled admin', staff('provider', { isAdmin: true, status: 'disabled' }), ['me'], false],
    ['R38: a client (their own report is /api/me/access)', { ...staff('client'), kind: 'client' }, ['me'], false],
  ])('%s', (_name, actor, careTeam, expected) => {
    expect(canReadAccessReport(actor, new Set(careTeam))).toBe(expected);
  });
});
