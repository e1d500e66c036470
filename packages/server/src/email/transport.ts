import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { Config } from '../config';
import { nowIso } from '../ids';
import { appendToMailbox } from './mailbox';
import type { RenderedEmail } from './templates';

/** Where emails go: a real SMTP server, or the local mailbox of the embedded default. */
export interface MailTransport {
  /**
   * Sends one email of an outbox row: `practiceId` says whose it is (the local mailbox keeps it
   * beside the email), `outboxId` makes its Message-ID, the same on every retry of that row.
   */
  send(to: string, email: RenderedEmail, row: { practiceId: string; outboxId: string }): Promise<void>;
  close(): void;
}

/**
 * A neutral sender: the product's name at the public host, never a practice's or a person's
 * name, which would tell whoever sees the inbox more than "a secure message is waiting".
 */
export function senderAddress(publicUrl: string): string {
  const host = new URL(publicUrl).hostname.replace(/^www\./, '') || 'localhost';
  return `Confide <no-reply@${host}>`;
}

/** SMTP over SMTP_URL when set (nodemailer), otherwise appends to DATA_DIR/mailbox.jsonl. */
export function openMailTransport(config: Pick<Config, 'smtpUrl' | 'dataDir' | 'publicUrl'>): MailTransport {
  const from = senderAddress(config.publicUrl);
  if (!config.smtpUrl) {
    return {
      send: (to, email, row) =>
        appendToMailbox(config.dataDir, {
          practiceId: row.practiceId,
          to,
          ...email,
          messageId: messageId(row.outboxId, from),
          sentAt: nowIso(),
        }),
      close: () => undefined,
    };
  }
  const smtp = nodemailer.createTransport({
    ...parseConnectionUrl(config.smtpUrl),
    // A hung server must not hold a delivery lease for long; the outbox retries later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    send: async (to, email, row) => {
      await smtp.sendMail({
        from,
        to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: messageId(row.outboxId, from),
      });
    },
    close: () => smtp.close(),
  };
}

/**
 * The Message-ID of an outbox row's email: stable across retries, so a copy sent again after a
 * crash is recognisably the same message (mail clients and servers may drop it as a duplicate).
 */
export function messageId(outboxId: string, from: string): string {
  const host = /@([^>]+)>$/.exec(from)?.[1] ?? 'localhost';
  return `<${outboxId}@${host}>`;
}

/**
 * A short technical reason for a failed delivery, fit for the admin outbox view: the SMTP code
 * and the server's answer, with anything that looks like an address masked.
 */
export function describeMailError(error: unknown): string {
  const e = (error ?? {}) as { responseCode?: number; code?: string; response?: string; message?: string };
  const head = e.responseCode ? `SMTP ${e.responseCode}` : (e.code ?? 'error');
  const detail = (e.response ?? e.message ?? '')
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>')
    .replace(/\s+/g, ' ')
    .trim();
  return `${head}${detail ? `: ${detail}` : ''}`.slice(0, 200);
}
