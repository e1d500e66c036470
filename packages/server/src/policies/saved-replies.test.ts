import { describe, expect, it } from 'vitest';
import { canEditSavedReply, canSeeSavedReply, canUseSavedReplies } from './saved-replies';
import type { PolicyActor } from './types';

const staff = (userId: string, isAdmin = false): PolicyActor => ({
  userId,
  kind: 'staff',
  role: 'provider',
  status: 'active',
  isAdmin,
});
const client: PolicyActor = { userId: 'c', kind: 'client', role: 'client', status: 'active', isAdmin: false };

describe('saved replies policy (R45)', () => {
  it.each([
    ['owner, own reply', staff('a'), 'a', true, true],
    ['colleague, someone else’s reply', staff('b'), 'a', false, false],
    ['admin, someone else’s reply', staff('b', true), 'a', false, false],
    ['staff, practice reply', staff('b'), null, true, false],
    ['admin, practice reply', staff('b', true), null, true, true],
    ['client, practice reply', client, null, false, false],
    ['client, own id', client, 'c', false, false],
  ] as const)('R45: %s — see %s, edit %s', (_, actor, ownerId, canSee, canEdit) => {
    expect(canSeeSavedReply(actor, { ownerId })).toBe(canSee);
    expect(canEditSavedReply(actor, { ownerId })).toBe(canEdit);
  });

  it('R45: only active staff use saved replies', () => {
    expect(canUseSavedReplies(staff('a'))).toBe(true);
    expect(canUseSavedReplies({ ...staff('a'), status: 'disabled' })).toBe(false);
    expect(canUseSavedReplies(client)).toBe(false);
  });
});
