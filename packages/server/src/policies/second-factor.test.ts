import { describe, expect, it } from 'vitest';
import { mustEnrolSecondFactor, staffLosesLastSecondFactor } from './second-factor';

const staff = (requireStaffMfa: boolean) => ({ kind: 'staff' as const, settings: { requireStaffMfa } });
const client = (requireStaffMfa: boolean) => ({ kind: 'client' as const, settings: { requireStaffMfa } });

describe('mustEnrolSecondFactor', () => {
  it.each([
    ['R28: staff, required, nothing enrolled', staff(true), false, 0, true],
    ['R28: staff, required, authenticator app', staff(true), true, 0, false],
    ['R53: staff, required, a passkey meets the rule', staff(true), false, 1, false],
    ['R28: staff, not required', staff(false), false, 0, false],
    ['R28: a client is never required', client(true), false, 0, false],
  ])('%s', (_name, person, hasTotp, passkeys, expected) => {
    expect(mustEnrolSecondFactor(person, { hasTotp, passkeys })).toBe(expected);
  });
});

describe('staffLosesLastSecondFactor', () => {
  it.each([
    ['R53: removing the last passkey of required staff without the app', staff(true), false, 0, true],
    ['R53: another passkey is left', staff(true), false, 1, false],
    ['R53: the app is left', staff(true), true, 0, false],
    ['R53: staff of a practice that does not require it', staff(false), false, 0, false],
    ['R53: a client', client(true), false, 0, false],
  ])('%s', (_name, person, hasTotp, passkeysLeft, expected) => {
    expect(staffLosesLastSecondFactor(person, { hasTotp, passkeysLeft })).toBe(expected);
  });
});
