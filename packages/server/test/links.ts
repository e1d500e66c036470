import { binding } from '../src/crypto/bindings';
import type { TestServer } from './harness';

/**
 * The token of the newest one-time link (invitation or reset) queued for a person: read from the
 * outbox row, whose payload is the token encrypted under the practice key.
 */
export async function latestLinkToken(
  server: TestServer,
  practiceId: string,
  userId: string,
  template: 'invite' | 'reset',
): Promise<string> {
  const row = await server.db
    .selectFrom('outbox')
    .select(['payload_enc'])
    .where('practice_id', '=', practiceId)
    .where('recipient_id', '=', userId)
    .where('template', '=', template)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row?.payload_enc) throw new Error(`no ${template} link queued for ${userId}`);
  const cipher = await server.ctx.keys.forPractice(server.ctx.db, practiceId);
  return cipher.decrypt(binding('outbox.link', userId), row.payload_enc);
}

/** The audit events of a practice with one action, oldest first, targets parsed. */
export async function auditEvents(server: TestServer, practiceId: string, action: string) {
  const rows = await server.db
    .selectFrom('audit_events')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, targets: JSON.parse(r.targets) as Record<string, string> }));
}
