import type { OutboxTable } from '../db/schema';

/** What a rendered email says; addresses are added by the sender. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Everything a template may use. Deliberately nothing about messages, senders or clients (R20). */
export interface TemplateInput {
  publicUrl: string;
  practiceSlug: string;
  practiceName: string;
  notificationText: string;
  /** The one-time link's token (invite, reset). */
  token?: string;
}

/**
 * Renders a PHI-free email. A new-message notice only says that something is waiting and
 * links to the sign-in page; link tokens travel in the URL fragment, which browsers never
 * send to the server, so they stay out of access logs.
 */
export function renderEmail(template: OutboxTable['template'], input: TemplateInput): RenderedEmail {
  const base = `${input.publicUrl}/p/${encodeURIComponent(input.practiceSlug)}`;
  const token = encodeURIComponent(input.token ?? '');
  switch (template) {
    case 'new_message':
      return compose(
        'New secure message',
        [input.notificationText],
        `Sign in to ${input.practiceName}`,
        `${base}/sign-in`,
        ['For your privacy, this email never contains the message itself.'],
      );
    case 'invite':
      return compose(
        'Your secure portal invitation',
        [`${input.practiceName} invited you to its secure messaging portal.`],
        'Set your password',
        `${base}/invitation#token=${token}`,
        ['The link works once and expires in 7 days.'],
      );
    case 'crisis_alert':
      // R42: says only that something needs attention; which thread and why stay behind sign-in.
      return compose(
        'A secure message needs prompt attention',
        ['A secure message needs prompt attention.'],
        `Sign in to ${input.practiceName}`,
        `${base}/sign-in`,
        ['For privacy, this email never says who wrote or what the message says.'],
      );
    case 'reply_reminder':
      // R41: says only that a message waits; who wrote and what stay behind sign-in.
      return compose(
        'A secure message is waiting for you',
        ['A secure message sent to you has not been opened yet.'],
        `Sign in to ${input.practiceName}`,
        `${base}/sign-in`,
        ['For privacy, this email never says who wrote or what the message says.'],
      );
    case 'overdue_alert':
      // R41: an escalation, as bare as the reminder.
      return compose(
        'A secure message is past its reply-by time',
        ['A secure message is past the time the practice promised a reply. It is in your Overdue folder.'],
        `Sign in to ${input.practiceName}`,
        `${base}/sign-in`,
        ['For privacy, this email never says who wrote or what the message says.'],
      );
    case 'reset':
      return compose(
        'Reset your password',
        [`Someone asked to reset the password of your ${input.practiceName} portal account.`],
        'Choose a new password',
        `${base}/reset-password#token=${token}`,
        ['The link works once and expires in one hour. If you did not ask for it, ignore this email.'],
      );
  }
}

function compose(subject: string, lead: string[], action: string, link: string, after: string[]): RenderedEmail {
  const text = [...lead, '', `${action}:`, link, '', ...after, ''].join('\n');
  const paragraphs = (lines: string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  const html =
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">' +
    paragraphs(lead) +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>` +
    paragraphs(after) +
    '</body></html>';
  return { subject, text, html };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
