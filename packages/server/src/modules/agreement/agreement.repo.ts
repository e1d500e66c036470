import type { Agreement, AgreementAcceptance } from '@confide/api';
import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db';

/** R43: the SHA-256 of an agreement's text (hex), recorded with every acceptance. */
export function agreementHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The practice's current (newest) agreement version, or null before any was published. */
export async function currentAgreement(db: DbOrTx, practiceId: string): Promise<Agreement | null> {
  const row = await db
    .selectFrom('agreement_versions')
    .select(['version', 'text', 'text_hash', 'published_at'])
    .where('practice_id', '=', practiceId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { version: Number(row.version), text: row.text, hash: row.text_hash, publishedAt: row.published_at }
    : null;
}

/** A client's acceptances, newest version first. */
export async function loadAcceptances(
  db: DbOrTx,
  practiceId: string,
  clientId: string,
): Promise<AgreementAcceptance[]> {
  const rows = await db
    .selectFrom('agreement_acceptances')
    .select(['version', 'text_hash', 'accepted_at'])
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ version: Number(r.version), hash: r.text_hash, acceptedAt: r.accepted_at }));
}

/** Whether a client has accepted this version. */
export async function hasAccepted(db: DbOrTx, practiceId: string, clientId: string, version: number): Promise<boolean> {
  const row = await db
    .selectFrom('agreement_acceptances')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('client_id', '=', clientId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Boolean(row);
}
