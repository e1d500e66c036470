import { LoginResponse, PasskeyOptionsResponse, PasskeyResponse } from '@confide/api';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api, type Passkey } from '../../api';

// @simplewebauthn/browser is loaded when a ceremony starts, not with the sign-in page.
const webAuthn = () => import('@simplewebauthn/browser');

/** Whether this browser can use passkeys at all (the buttons are hidden otherwise). */
export function canUsePasskeys(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function';
}

/** What a failed or cancelled ceremony says to the person, or null for any other error. */
export function passkeyProblem(error: unknown): string | null {
  // @simplewebauthn's WebAuthnError, known by its code (the class itself is loaded lazily).
  const code = error instanceof Error && 'code' in error ? error.code : null;
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return 'This device already holds a passkey for your account.';
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  if (error instanceof Error && (error.name === 'NotAllowedError' || cause?.name === 'NotAllowedError')) {
    return 'The passkey request was cancelled or timed out. Try again when you are ready.';
  }
  return null;
}

/** R53: creates a passkey on this device and registers it under `name`. */
export async function addPasskey(name: string): Promise<Passkey> {
  const { options } = await api.post('/api/account/passkeys/options', undefined, PasskeyOptionsResponse);
  const { startRegistration } = await webAuthn();
  const credential = await startRegistration({
    optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
  });
  const { passkey } = await api.post('/api/account/passkeys', { name, credential }, PasskeyResponse);
  return passkey;
}

/** R53: signs in to a practice with a passkey of this device (no email asked). */
export async function signInWithPasskey(practice: string): Promise<LoginResponse> {
  const { options } = await api.post('/api/auth/passkey/options', { practice }, PasskeyOptionsResponse);
  const { startAuthentication } = await webAuthn();
  const credential = await startAuthentication({
    optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
  });
  return api.post('/api/auth/passkey', { practice, credential }, LoginResponse);
}
