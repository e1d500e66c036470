import { describe, expect, it } from 'vitest';
import { canSeeParticipant, visibleParticipants } from './participants';
import type { Party } from './types';

const party = (id: string, role: Party['role']): Pick<Party, 'id' | 'kind'> => ({
  id,
  kind: role === 'client' ? 'client' : 'staff',
});
const provider = party('prov', 'provider');
const front = party('fo', 'front_office');
const agent = party('agent', 'external_agent');
const clientA = party('a', 'client');
const clientB = party('b', 'client');
const viewer = (p: Pick<Party, 'id' | 'kind'>) => ({ userId: p.id, kind: p.kind });

describe('R36 canSeeParticipant', () => {
  const rows: [string, Pick<Party, 'id' | 'kind'>, Pick<Party, 'id' | 'kind'>, boolean][] = [
    ['a client sees a provider', clientA, provider, true],
    ['a client sees front office', clientA, front, true],
    ['a client sees an external agent taking part', clientA, agent, true],
    ['a client sees themselves', clientA, clientA, true],
    ['a client never sees another client', clientA, clientB, false],
    ['the other client never sees the first', clientB, clientA, false],
    ['a provider sees every client', provider, clientB, true],
    ['front office sees every client', front, clientA, true],
    ['an external agent (staff) sees every participant', agent, clientB, true],
  ];
  it.each(rows)('R36: %s', (_name, who, other, seen) => {
    expect(canSeeParticipant(viewer(who), other)).toBe(seen);
  });
});

describe('R36 visibleParticipants', () => {
  const thread = [provider, clientA, front, clientB];
  it('R36: a client in a two-client thread sees the staff and themselves, in order', () => {
    expect(visibleParticipants(viewer(clientA), thread)).toEqual([provider, clientA, front]);
    expect(visibleParticipants(viewer(clientB), thread)).toEqual([provider, front, clientB]);
  });
  it('R36: staff see everyone', () => {
    expect(visibleParticipants(viewer(front), thread)).toEqual(thread);
  });
});
