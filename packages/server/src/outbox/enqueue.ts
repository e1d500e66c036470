import type { Tx } from '../db';
import { afterCommitOf } from '../db/transact';
import { newId, nowIso } from '../ids';
import type { OutboxTable } from '../db/schema';

export interface EmailRequest {
  practiceId: string;
  recipientId: string;
  template: OutboxTable['template'];
  /** Already encrypted (e.g. a one-time link's token); never plaintext PHI. */
  payloadEnc?: string | null;
}

/**
 * Queues emails in the caller's transaction: they exist only if what they announce commits, and
 * `transact` wakes the mail worker once it has.
 */
export async function enqueueEmails(tx: Tx, requests: EmailRequest[]): Promise<void> {
  if (requests.length === 0) return;
  const after = afterCommitOf(tx);
  const now = nowIso();
  await tx
    .insertInto('outbox')
    .values(
      requests.map((r) => ({
        id: newId(),
        practice_id: r.practiceId,
        kind: 'email' as const,
        template: r.template,
        recipient_id: r.recipientId,
        payload_enc: r.payloadEnc ?? null,
        state: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      })),
    )
    .execute();
  after.mail = true;
}
