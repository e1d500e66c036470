import { REPLY_BLOCKED_INACTIVE_CLIENT } from '@confide/api';
import { describe, expect, it } from 'vitest';
import { canReadChartNotes } from './notes';
import { allowedRecipients, expandGroup, type Directory } from './recipients';
import type { Party, PolicyActor } from './types';

const p = (id: string, role: Party['role'], status: Party['status'] = 'active'): Party => ({
  id,
  kind: role === 'client' ? 'client' : 'staff',
  role,
  status,
});
const people = [
  p('prov', 'provider'),
  p('prov-past', 'provider'),
  p('prov-other', 'provider'),
  p('prov-gone', 'provider', 'disabled'),
  p('fo', 'front_office'),
  p('bill', 'biller'),
  p('agent', 'external_agent'),
  p('cl', 'client'),
  p('cl2', 'client'),
  p('inact', 'client', 'inactive'),
];
const actorOf = (id: string, isAdmin = false): PolicyActor => {
  const party = people.find((x) => x.id === id) as Party;
  return { userId: id, kind: party.kind, role: party.role, status: party.status, isAdmin };
};
const none = new Set<string>();
const staffDir: Directory = { people, careTeam: none, agentClients: none };
const clientDir: Directory = { people, careTeam: new Set(['prov', 'prov-past']), agentClients: none };
const agentDir = (...clients: string[]): Directory => ({ people, careTeam: none, agentClients: new Set(clients) });
const ids = (actor: PolicyActor, dir: Directory) =>
  allowedRecipients(actor, dir)
    .people.map((r) => r.party.id)
    .sort();

describe('R1/R2/R3 allowedRecipients', () => {
  it.each(['prov', 'fo', 'bill'])('R1: staff %s may address every active person but themselves', (id) => {
    const expected = people
      .filter((x) => x.id !== id && x.status !== 'disabled')
      .map((x) => x.id)
      .sort();
    expect(ids(actorOf(id), staffDir)).toEqual(expected);
    expect(allowedRecipients(actorOf(id), staffDir).groups).toEqual(['front_office', 'providers', 'external_agents']);
  });

  it('R1: there is no "all clients" group', () => {
    expect(allowedRecipients(actorOf('fo'), staffDir).groups).not.toContain('clients');
  });

  it('R2: a client may address their providers (current or past), front office and billers — nobody else', () => {
    expect(ids(actorOf('cl'), clientDir)).toEqual(['bill', 'fo', 'prov', 'prov-past']);
    expect(allowedRecipients(actorOf('cl'), clientDir).groups).toEqual([]);
  });

  it('R46: a client may address the Front office and Billing teams, even while inactive (R3); staff address no team', () => {
    expect(allowedRecipients(actorOf('cl'), clientDir).teams).toEqual(['front_office', 'billing']);
    expect(allowedRecipients(actorOf('inact'), clientDir).teams).toEqual(['front_office', 'billing']);
    expect(allowedRecipients(actorOf('fo'), staffDir).teams).toEqual([]);
  });

  it('R3: an inactive client sees their providers as unavailable, with the reason', () => {
    const result = allowedRecipients(actorOf('inact'), clientDir);
    const prov = result.people.find((r) => r.party.id === 'prov');
    expect(prov).toMatchObject({ available: false, unavailableReason: REPLY_BLOCKED_INACTIVE_CLIENT });
    expect(result.people.find((r) => r.party.id === 'fo')?.available).toBe(true);
    expect(result.people.find((r) => r.party.id === 'bill')?.available).toBe(true);
  });

  it('R1: groups expand to their active members only', () => {
    expect(expandGroup('providers', staffDir).map((x) => x.id)).toEqual(['prov', 'prov-past', 'prov-other']);
    expect(expandGroup('external_agents', staffDir).map((x) => x.id)).toEqual(['agent']);
    expect(expandGroup('front_office', staffDir).map((x) => x.id)).toEqual(['fo']);
  });

  it('R1: a disabled actor may address nobody', () => {
    expect(allowedRecipients({ ...actorOf('fo'), status: 'disabled' }, staffDir)).toEqual({
      people: [],
      groups: [],
      teams: [],
    });
  });
});

describe('R37 allowedRecipients for an external agent', () => {
  const staff = ['bill', 'fo', 'prov', 'prov-other', 'prov-past'];
  const rows: [string, Directory, string[]][] = [
    ['on no care team: staff only', agentDir(), staff],
    ['on one client’s care team: staff and that client', agentDir('cl'), [...staff, 'cl']],
    ['on an inactive client’s care team: that client too', agentDir('cl', 'inact'), [...staff, 'cl', 'inact']],
    ['a link to a staff id widens nothing', agentDir('fo'), staff],
  ];
  it.each(rows)('R37: %s', (_name, dir, expected) => {
    const result = allowedRecipients(actorOf('agent'), dir);
    expect(result.people.map((r) => r.party.id).sort()).toEqual(expected.sort());
    expect(result.people.every((r) => r.available)).toBe(true);
    // Groups expand to staff only, so they stay.
    expect(result.groups).toEqual(['front_office', 'providers', 'external_agents']);
  });

  it('R37: an agent link never narrows other staff', () => {
    for (const id of ['prov', 'fo', 'bill']) {
      expect(ids(actorOf(id), agentDir())).toEqual(ids(actorOf(id), staffDir));
    }
  });

  it('R2/R37: a client never gains an external agent from a care team', () => {
    expect(ids(actorOf('cl'), { ...clientDir, agentClients: new Set(['cl']) })).not.toContain('agent');
  });
});

describe('R16 canReadChartNotes', () => {
  const team = new Set(['prov', 'prov-past']);
  const rows: [string, PolicyActor, boolean][] = [
    ['current provider', actorOf('prov'), true],
    ['past provider', actorOf('prov-past'), true],
    ['provider outside the care team', actorOf('prov-other'), false],
    ['admin (front office)', actorOf('fo', true), true],
    ['front office, not admin', actorOf('fo'), false],
    ['biller', actorOf('bill'), false],
    ['client', actorOf('cl'), false],
  ];
  it.each(rows)('R16: %s', (_name, actor, allowed) => {
    expect(canReadChartNotes(actor, team)).toBe(allowed);
  });
});
