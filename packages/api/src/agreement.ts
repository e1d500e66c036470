import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { TextBlock } from './text';

/** R43: a version of the practice's messaging agreement; `hash` is the SHA-256 of its text (hex). */
export const Agreement = lazySchema(() =>
  z.object({
    version: z.number().int().min(1),
    text: z.string(),
    hash: z.string(),
    publishedAt: z.string(),
  }),
);
export type Agreement = z.infer<typeof Agreement>;

/** R43: a client's acceptance of one version, with the hash of the text they accepted. */
export const AgreementAcceptance = lazySchema(() =>
  z.object({
    version: z.number().int().min(1),
    hash: z.string(),
    acceptedAt: z.string(),
  }),
);
export type AgreementAcceptance = z.infer<typeof AgreementAcceptance>;

/**
 * `GET /api/agreement`: the current version (null until an admin publishes one), the caller's
 * latest acceptance (clients), and whether the caller must accept before sending.
 */
export const AgreementStatusResponse = lazySchema(() =>
  z.object({
    agreement: Agreement.nullable(),
    acceptance: AgreementAcceptance.nullable(),
    required: z.boolean(),
  }),
);
export type AgreementStatusResponse = z.infer<typeof AgreementStatusResponse>;

/** `POST /api/agreement/acceptances`: the version the client read and accepts. */
export const AcceptAgreementRequest = lazySchema(() => z.object({ version: z.number().int().min(1) }));
export const AcceptanceResponse = lazySchema(() => z.object({ acceptance: AgreementAcceptance }));

/** `PUT /api/admin/agreement`: publishes the text as a new version (the same text keeps the version). */
export const PublishAgreementRequest = lazySchema(() =>
  z.object({
    text: TextBlock.trim().min(50, 'The agreement needs at least 50 characters.').max(20_000),
  }),
);
export const AgreementResponse = lazySchema(() => z.object({ agreement: Agreement }));

/** `GET /api/clients/:id/agreement` (staff): the current version and the client's acceptances, newest first. */
export const ClientAgreementResponse = lazySchema(() =>
  z.object({
    current: Agreement.pick({ version: true, hash: true }).nullable(),
    acceptances: z.array(AgreementAcceptance),
  }),
);
export type ClientAgreementResponse = z.infer<typeof ClientAgreementResponse>;

/** What a practice can start from when it writes its agreement (R43); nothing is binding until published. */
export const SUGGESTED_AGREEMENT = `Secure messaging is for non-urgent questions about appointments, billing, forms and your care between sessions. It is not for emergencies: if you are in danger or in crisis, call 911, or call or text 988.

We aim to reply within the response time shown on the Messages page, on business days. Messages sent after hours, on weekends or on holidays are read on the next business day. When your provider is away, a colleague covers their messages and you get an automatic reply saying so.

Your messages are part of your care. Your providers, and the front office and billing staff you write to, can read them; they may be copied into your record. Please do not send anything you would not want your care team to read.`;
