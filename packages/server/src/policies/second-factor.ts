/**
 * Two-factor for staff (R28, R53). A practice that requires it is satisfied by either second
 * factor: a TOTP authenticator, or a passkey — a passkey is registered and used with user
 * verification required (the device's PIN or biometric over a key that never leaves it), so it
 * alone is two factors. Clients may use either; nothing requires it of them.
 */
export interface SecondFactorHolder {
  kind: 'staff' | 'client';
  settings: { requireStaffMfa: boolean };
}

/** Whether this person must enrol a second factor before anything else. */
export function mustEnrolSecondFactor(
  person: SecondFactorHolder,
  factors: { hasTotp: boolean; passkeys: number },
): boolean {
  return person.kind === 'staff' && person.settings.requireStaffMfa && !factors.hasTotp && factors.passkeys === 0;
}

/** Whether removing a factor leaves staff who must have one with none. */
export function staffLosesLastSecondFactor(
  person: SecondFactorHolder,
  left: { hasTotp: boolean; passkeysLeft: number },
): boolean {
  return mustEnrolSecondFactor(person, { hasTotp: left.hasTotp, passkeys: left.passkeysLeft });
}
