import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Id } from './common';
import { Slug } from './auth';
import { TextLine } from './text';

/** base64url, as WebAuthn's JSON encodes binary values. */
const Base64Url = lazySchema(() =>
  z
    .string()
    .max(16_384)
    .regex(/^[A-Za-z0-9_-]*$/, 'Not base64url.'),
);

const Transport = lazySchema(() => z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']));
const Attachment = lazySchema(() => z.enum(['platform', 'cross-platform']));

/**
 * WebAuthn's options for `navigator.credentials.create()`/`get()` as JSON (SimpleWebAuthn's
 * `…OptionsJSON`): the browser package turns them into the binary form. Passed through as given.
 */
export const WebAuthnOptions = lazySchema(() => z.record(z.string(), z.unknown()));

/** What the browser answers `navigator.credentials.create()` with, as JSON (R53). */
export const PasskeyRegistrationCredential = lazySchema(() =>
  z.object({
    id: Base64Url,
    rawId: Base64Url,
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: Base64Url,
      attestationObject: Base64Url,
      authenticatorData: Base64Url.optional(),
      transports: z.array(Transport).max(10).optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: Base64Url.optional(),
    }),
    authenticatorAttachment: Attachment.optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()),
  }),
);

/** What the browser answers `navigator.credentials.get()` with, as JSON (R53). */
export const PasskeyAuthenticationCredential = lazySchema(() =>
  z.object({
    id: Base64Url,
    rawId: Base64Url,
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: Base64Url,
      authenticatorData: Base64Url,
      signature: Base64Url,
      userHandle: Base64Url.optional(),
    }),
    authenticatorAttachment: Attachment.optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()),
  }),
);

/** The name a person gives a passkey ("Work laptop"). */
export const PasskeyName = lazySchema(() => TextLine.min(1, 'Give the passkey a name.').max(60));

export const Passkey = lazySchema(() =>
  z.object({
    id: Id,
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  }),
);
export type Passkey = z.infer<typeof Passkey>;

export const PasskeyOptionsResponse = lazySchema(() => z.object({ options: WebAuthnOptions }));
export type PasskeyOptionsResponse = z.infer<typeof PasskeyOptionsResponse>;
export const PasskeyRegisterRequest = lazySchema(() =>
  z.object({ name: PasskeyName, credential: PasskeyRegistrationCredential }),
);
export const PasskeyRenameRequest = lazySchema(() => z.object({ name: PasskeyName }));
export const PasskeyResponse = lazySchema(() => z.object({ passkey: Passkey }));
export const PasskeysResponse = lazySchema(() => z.object({ passkeys: z.array(Passkey) }));
export type PasskeysResponse = z.infer<typeof PasskeysResponse>;

/** Signing in with a passkey: first the options (a challenge) for the practice, then the answer. */
export const PasskeySignInOptionsRequest = lazySchema(() => z.object({ practice: Slug }));
export const PasskeySignInRequest = lazySchema(() =>
  z.object({ practice: Slug, credential: PasskeyAuthenticationCredential }),
);

/** One signed-in session of the person, for the Account page (R52). */
export const AccountSession = lazySchema(() =>
  z.object({
    /** "Chrome on Windows"; null when the browser did not say. */
    device: z.string().nullable(),
    /** The address it signed in from. */
    ip: z.string().nullable(),
    signedInAt: z.string(),
    lastActiveAt: z.string(),
    /** This browser's own session. */
    current: z.boolean(),
  }),
);
export type AccountSession = z.infer<typeof AccountSession>;
export const AccountSessionsResponse = lazySchema(() => z.object({ sessions: z.array(AccountSession) }));
export type AccountSessionsResponse = z.infer<typeof AccountSessionsResponse>;

/** R52: a new password needs the current one. */
export const PasswordChangeRequest = lazySchema(() =>
  z.object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
  }),
);
