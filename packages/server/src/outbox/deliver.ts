import { parseSettings } from '@confide/api';
import type { AppContext } from '../context';
import type { OutboxTable } from '../db/schema';
import { renderEmail } from '../email/templates';
import { describeMailError, type MailTransport } from '../email/transport';
import { userEmail } from '../modules/accounts/users.repo';
import { type DeliveryOutcome, recordOutcomes } from './outbox.repo';
import { binding } from '../crypto/bindings';

type Recipient = { id: string; practice_id: string; status: string; portal: number; email_enc: string };
type Practice = { id: string; slug: string; name: string; settings: string };

/**
 * Delivers claimed outbox rows: recipients and practices are loaded in two queries, the
 * address is decrypted only now (so a changed email is honoured), and each row ends sent,
 * scheduled for retry, or failed with a technical reason — recorded as soon as that row's
 * delivery ends, so a worker that dies resends only the emails it had in flight (R21, R54).
 */
export async function deliverBatch(ctx: AppContext, transport: MailTransport, rows: OutboxTable[]): Promise<void> {
  const userIds = [...new Set(rows.map((r) => r.recipient_id))];
  const practiceIds = [...new Set(rows.map((r) => r.practice_id))];
  const [users, practices] = await Promise.all([
    ctx.db
      .selectFrom('users')
      .select(['id', 'practice_id', 'status', 'portal', 'email_enc'])
      .where('id', 'in', userIds)
      .where('practice_id', 'in', practiceIds)
      .execute(),
    ctx.db.selectFrom('practices').select(['id', 'slug', 'name', 'settings']).where('id', 'in', practiceIds).execute(),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const practiceById = new Map(practices.map((p) => [p.id, p]));
  // A delivery that throws leaves only its own row leased (retried later), not the others' outcomes.
  const settled = await Promise.allSettled(
    rows.map(async (row) => {
      const outcome = await deliverOne(
        ctx,
        transport,
        row,
        userById.get(row.recipient_id),
        practiceById.get(row.practice_id),
      );
      await recordOutcomes(ctx.db, [outcome]);
    }),
  );
  const thrown = settled.find((s) => s.status === 'rejected');
  if (thrown) throw thrown.reason;
}

async function deliverOne(
  ctx: AppContext,
  transport: MailTransport,
  row: OutboxTable,
  user: Recipient | undefined,
  practice: Practice | undefined,
): Promise<DeliveryOutcome> {
  const failed = (reason: string): DeliveryOutcome => ({ id: row.id, state: 'failed', reason });
  const retry = (reason: string): DeliveryOutcome => ({ id: row.id, state: 'retry', attempts: row.attempts, reason });
  if (!user || !practice || user.practice_id !== row.practice_id) {
    return failed('recipient no longer exists');
  }
  if (user.status === 'disabled') return failed('recipient account is disabled');
  if (row.template === 'new_message' && !user.portal) {
    return failed('recipient has no portal account');
  }
  let to: string;
  let token: string | undefined;
  try {
    const cipher = await ctx.keys.forPractice(ctx.db, row.practice_id);
    to = userEmail(cipher, user);
    if (row.payload_enc) token = cipher.decrypt(binding('outbox.link', row.recipient_id), row.payload_enc);
  } catch {
    return retry('cannot decrypt the recipient address or link (data key unavailable)');
  }
  if ((row.template === 'invite' || row.template === 'reset') && !token) return failed('link token missing');
  const email = renderEmail(row.template, {
    publicUrl: ctx.config.publicUrl,
    practiceSlug: practice.slug,
    practiceName: practice.name,
    notificationText: parseSettings(practice.settings).notificationText,
    token,
  });
  try {
    await transport.send(to, email, { practiceId: row.practice_id, outboxId: row.id });
  } catch (error) {
    const reason = describeMailError(error);
    ctx.log.warn({ outboxId: row.id, attempt: row.attempts, reason }, 'email delivery failed; will retry');
    return retry(reason);
  }
  return { id: row.id, state: 'sent' };
}
