import {
  REPLY_BLOCKED_INACTIVE_CLIENT,
  REPLY_BLOCKED_MULTIPLE_CLIENTS,
  REPLY_BLOCKED_SHARED_MESSAGE,
} from '@confide/api';
import { describe, expect, it } from 'vitest';
import { canDeleteMessage, canDeleteThread, canQuickNote, canReply, replyBlockedReason } from './threads';
import type { Party, PolicyActor, ThreadShape } from './types';

const party = (id: string, role: Party['role'], status: Party['status'] = 'active'): Party => ({
  id,
  kind: role === 'client' ? 'client' : 'staff',
  role,
  status,
});
const asActor = (p: Party, isAdmin = false): PolicyActor => ({
  userId: p.id,
  kind: p.kind,
  role: p.role,
  status: p.status,
  isAdmin,
});

const provider = party('prov', 'provider');
const provider2 = party('prov2', 'provider');
const front = party('fo', 'front_office');
const biller = party('bill', 'biller');
const agent = party('agent', 'external_agent');
const client = party('cl', 'client');
const client2 = party('cl2', 'client');
const inactive = party('inact', 'client', 'inactive');
const outsider = party('out', 'provider');

const thread = (createdBy: Party, ...others: Party[]): ThreadShape => ({
  createdBy: createdBy.id,
  participants: [createdBy, ...others],
});

const shapes = {
  oneToOne: thread(provider, client),
  staffAndOneClient: thread(provider, front, client),
  staffOnly: thread(front, provider, biller, agent),
  twoClients: thread(provider, client, client2),
  inactiveWithProvider: thread(provider, inactive),
  inactiveWithFrontOffice: thread(front, inactive),
  clientStarted: thread(client, provider),
};

describe('R9/R10 canReply and replyBlockedReason', () => {
  const rows: [string, ThreadShape, Party, boolean, string | null][] = [
    ['1:1 provider', shapes.oneToOne, provider, true, null],
    ['1:1 client', shapes.oneToOne, client, true, null],
    ['staff + 1 client: provider', shapes.staffAndOneClient, provider, true, null],
    ['staff + 1 client: front office', shapes.staffAndOneClient, front, true, null],
    ['staff + 1 client: client', shapes.staffAndOneClient, client, true, null],
    ['staff only: biller', shapes.staffOnly, biller, true, null],
    ['staff only: external agent', shapes.staffOnly, agent, true, null],
    ['2+ clients: provider', shapes.twoClients, provider, false, REPLY_BLOCKED_MULTIPLE_CLIENTS],
    [
      '2+ clients: client (R36: not told of other clients)',
      shapes.twoClients,
      client,
      false,
      REPLY_BLOCKED_SHARED_MESSAGE,
    ],
    ['inactive client with provider', shapes.inactiveWithProvider, inactive, false, REPLY_BLOCKED_INACTIVE_CLIENT],
    ['provider in thread with inactive client', shapes.inactiveWithProvider, provider, true, null],
    ['inactive client with front office', shapes.inactiveWithFrontOffice, inactive, true, null],
  ];
  it.each(rows)('R9: %s', (_name, shape, who, allowed, reason) => {
    expect(canReply(asActor(who), shape)).toBe(allowed);
    expect(replyBlockedReason(asActor(who), shape)).toBe(reason);
  });

  it('R9: a non-participant can never reply', () => {
    expect(canReply(asActor(outsider), shapes.oneToOne)).toBe(false);
  });
  it('R9: a disabled participant cannot reply', () => {
    expect(canReply({ ...asActor(front), status: 'disabled' }, shapes.staffOnly)).toBe(false);
  });
});

describe('R17/R18/R19 deletion', () => {
  const threadRows: [string, ThreadShape, Party, boolean][] = [
    ['creator provider, 1:1 with client', shapes.oneToOne, provider, true],
    ['creator provider, 2 clients', shapes.twoClients, provider, true],
    ['creator front office with inactive client', shapes.inactiveWithFrontOffice, front, true],
    ['staff participant who did not start it', shapes.staffAndOneClient, front, false],
    ['client participant', shapes.oneToOne, client, false],
    ['client who started it', shapes.clientStarted, client, false],
    ['provider in a client-started thread', shapes.clientStarted, provider, false],
    ['creator of a staff-only thread', shapes.staffOnly, front, false],
    ['outsider', shapes.oneToOne, outsider, false],
  ];
  it.each(threadRows)('R18: canDeleteThread — %s', (_name, shape, who, allowed) => {
    expect(canDeleteThread(asActor(who), shape)).toBe(allowed);
  });

  const messageRows: [string, ThreadShape, Party, string, boolean][] = [
    ['provider, own message to client', shapes.oneToOne, provider, provider.id, true],
    ['provider, own reply in client-started thread', shapes.clientStarted, provider, provider.id, true],
    ['front office, own message with client', shapes.staffAndOneClient, front, front.id, true],
    ['provider, someone else’s message', shapes.staffAndOneClient, provider, front.id, false],
    ['client, own message', shapes.oneToOne, client, client.id, false],
    ['staff, own message in staff-only thread', shapes.staffOnly, biller, biller.id, false],
    ['outsider', shapes.oneToOne, outsider, outsider.id, false],
  ];
  it.each(messageRows)('R17: canDeleteMessage — %s', (_name, shape, who, senderId, allowed) => {
    expect(canDeleteMessage(asActor(who), { senderId }, shape)).toBe(allowed);
  });
});

describe('R15 canQuickNote', () => {
  const rows: [string, ThreadShape, Party, boolean][] = [
    ['provider, 1:1 with client', shapes.oneToOne, provider, true],
    ['provider, staff + 1 client', shapes.staffAndOneClient, provider, true],
    ['provider, inactive client', shapes.inactiveWithProvider, provider, true],
    ['front office, staff + 1 client', shapes.staffAndOneClient, front, false],
    ['client', shapes.oneToOne, client, false],
    ['provider, 2 clients', shapes.twoClients, provider, false],
    ['provider, staff only', thread(provider, provider2, front), provider, false],
    ['provider not taking part', shapes.oneToOne, provider2, false],
  ];
  it.each(rows)('R15: %s', (_name, shape, who, allowed) => {
    expect(canQuickNote(asActor(who), shape)).toBe(allowed);
  });
});
