import { describe, expect, it } from 'vitest';
import type { Message, Person } from '../../api';
import { assigneeLabel } from './assignee-label';
import { colleaguesSince } from './colleague-replies';

const person = (id: string, kind: Person['kind'], role: Person['role']): Person => ({
  id,
  name: `N ${id}`,
  kind,
  role,
});
const me = person('me', 'staff', 'front_office');
const lena = person('lena', 'staff', 'front_office');
const client = person('cl', 'client', 'client');
const message = (id: string, sender: Person): Message => ({
  id,
  threadId: 't',
  sender,
  body: '<p>x</p>',
  createdAt: '2026-12-03T08:00:00.000Z',
  attachments: [],
  canDelete: false,
});

describe('R46 reply warning', () => {
  it('R46: names each colleague who wrote after the thread was opened — not me, not the client, not what was shown', () => {
    const shown = new Set(['m1', 'm2']);
    const messages = [
      message('m1', client),
      message('m2', lena),
      message('m3', client),
      message('m4', me),
      message('m5', lena),
      message('m6', lena),
    ];
    expect(colleaguesSince(shown, messages, me.id)).toEqual([lena]);
    expect(colleaguesSince(shown, messages.slice(0, 4), me.id)).toEqual([]);
  });

  it('R46: the assignee in words', () => {
    expect(assigneeLabel({ id: 'billing', name: 'Billing', assignee: null, canAssign: true }, me.id)).toBe(
      'Unassigned',
    );
    expect(assigneeLabel({ id: 'billing', name: 'Billing', assignee: me, canAssign: true }, me.id)).toBe(
      'Assigned to you',
    );
    expect(assigneeLabel({ id: 'billing', name: 'Billing', assignee: lena, canAssign: false }, me.id)).toBe(
      'Assigned to N lena',
    );
  });
});
