import { describe, expect, it } from 'vitest';
import { actsForTeam, assignmentKind, canBeAssigned, expandTeam } from './teams';
import type { Party, PolicyActor } from './types';

const p = (id: string, role: Party['role'], status: Party['status'] = 'active'): Party => ({
  id,
  kind: role === 'client' ? 'client' : 'staff',
  role,
  status,
});
const actor = (party: Party, isAdmin = false): PolicyActor => ({
  userId: party.id,
  kind: party.kind,
  role: party.role,
  status: party.status,
  isAdmin,
});
const fo = p('fo', 'front_office');
const foGone = p('fo-gone', 'front_office', 'disabled');
const bill = p('bill', 'biller');
const prov = p('prov', 'provider');
const client = p('cl', 'client');

describe('R46 team policies', () => {
  const rows: [string, PolicyActor, 'front_office' | 'billing', boolean][] = [
    ['front office acts for Front office', actor(fo), 'front_office', true],
    ['front office does not act for Billing', actor(fo), 'billing', false],
    ['a biller acts for Billing', actor(bill), 'billing', true],
    ['a biller does not act for Front office', actor(bill), 'front_office', false],
    ['a provider acts for no team', actor(prov), 'front_office', false],
    ['an admin provider acts for every team', actor(prov, true), 'billing', true],
    ['a disabled member acts for none', actor(foGone), 'front_office', false],
    ['a client never acts for a team', actor(client), 'front_office', false],
  ];
  it.each(rows)('R46: %s', (_name, who, team, allowed) => {
    expect(actsForTeam(who, team)).toBe(allowed);
  });

  it('R46: only active members of the team can be assigned', () => {
    expect(canBeAssigned(fo, 'front_office')).toBe(true);
    expect(canBeAssigned(foGone, 'front_office')).toBe(false);
    expect(canBeAssigned(bill, 'front_office')).toBe(false);
    expect(canBeAssigned(client, 'billing')).toBe(false);
  });

  it('R46: a team expands to its active members at send time', () => {
    expect(expandTeam('front_office', [fo, foGone, bill, prov, client]).map((x) => x.id)).toEqual(['fo']);
    expect(expandTeam('billing', [fo, foGone, bill, prov, client]).map((x) => x.id)).toEqual(['bill']);
  });

  it('R46: taking, releasing and assigning are told apart for the audit log', () => {
    expect(assignmentKind('fo', 'fo')).toBe('take');
    expect(assignmentKind('fo', null)).toBe('release');
    expect(assignmentKind('fo', 'fo2')).toBe('assign');
  });
});
