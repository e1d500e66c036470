import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir } from '../storage/private-files';

/** One email as the local mailbox keeps it. */
export interface MailboxEntry {
  /** The practice the email was sent for: its admins read only their own practice's emails (R21). */
  practiceId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The stable Message-ID of the outbox row (absent in mailboxes written before it existed). */
  messageId?: string;
  sentAt: string;
}

/** The local mailbox file of the embedded default (no SMTP_URL). */
export function mailboxPath(dataDir: string): string {
  return join(dataDir, 'mailbox.jsonl');
}

/** Appends one email (the file is created 0600); a single write of one line, so concurrent appends do not interleave. */
export async function appendToMailbox(dataDir: string, entry: MailboxEntry): Promise<void> {
  ensurePrivateDir(dataDir);
  await appendFile(mailboxPath(dataDir), `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
}

/**
 * Every email in the mailbox, oldest first, optionally only those to one address (any case)
 * and only those of one practice.
 */
export async function readMailbox(
  dataDir: string,
  filter: { to?: string; practiceId?: string } = {},
): Promise<MailboxEntry[]> {
  let content: string;
  try {
    content = await readFile(mailboxPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const wanted = filter.to?.trim().toLowerCase();
  const emails: MailboxEntry[] = [];
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as MailboxEntry;
      if (wanted && entry.to.toLowerCase() !== wanted) continue;
      if (filter.practiceId && entry.practiceId !== filter.practiceId) continue;
      emails.push(entry);
    } catch {
      // a line cut short by a crash mid-write is skipped, not fatal
    }
  }
  return emails;
}
