import { generateSecret, generateURI, verify } from 'otplib';

/** A new base32 TOTP secret. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// link an authenticator app scans. The label names the practice, never a client. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ secret, label: account, issuer });
}

/** True when the 6-digit code matches the secret, allowing one step of clock drift. */
export async function checkTotp(secret: string, code: string): Promise<boolean> {
  try {
    const result = await verify({ secret, token: code, epochTolerance: 30 });
    return result.valid;
  } catch {
    return false;
  }
}
