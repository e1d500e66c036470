import { auditActionLabel, type AuditEvent, type AuditPerson, type AuditQuery } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import type { AuditEventsTable } from '../../db/schema';
import { AppError } from '../../errors';
import { loadPeople } from '../accounts/users.repo';

export type AuditFilters = Pick<AuditQuery, 'person' | 'client' | 'action' | 'from' | 'to'>;

/** A practice's audit events that match the filters (R32); the client filter uses the `audit_clients` index. */
export function filteredAuditEvents(db: DbOrTx, practiceId: string, filters: AuditFilters) {
  let query = db.selectFrom('audit_events').selectAll().where('practice_id', '=', practiceId);
  if (filters.person) query = query.where('actor_id', '=', filters.person);
  if (filters.action) query = query.where('action', '=', filters.action);
  if (filters.from) query = query.where('at', '>=', filters.from);
  if (filters.to) query = query.where('at', '<', filters.to);
  const client = filters.client;
  if (client) {
    query = query.where((eb) =>
      eb.or([
        eb('actor_id', '=', client),
        eb(
          'seq',
          'in',
          eb
            .selectFrom('audit_clients')
            .select('audit_clients.seq')
            .where('audit_clients.practice_id', '=', practiceId)
            .where('audit_clients.client_id', '=', client),
        ),
      ]),
    );
  }
  return query;
}

/** One page of a practice's audit log, newest first, with names and words; the cursor is the last event's seq. */
export async function listAuditEvents(
  db: DbOrTx,
  cipher: PracticeCipher,
  query: AuditFilters & { cursor?: string; limit: number },
): Promise<{ events: AuditEvent[]; nextCursor: string | null }> {
  if (query.cursor !== undefined && !/^\d{1,15}$/.test(query.cursor)) {
    throw new AppError('validation_failed', 'The cursor is not one this list gave out.');
  }
  let select = filteredAuditEvents(db, cipher.practiceId, query)
    .orderBy('seq', 'desc')
    .limit(query.limit + 1);
  if (query.cursor !== undefined) select = select.where('seq', '<', Number(query.cursor));
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    events: await presentAuditEvents(db, cipher, page),
    nextCursor: rows.length > query.limit && last ? String(last.seq) : null,
  };
}

/** Audit rows as admins read them: people resolved and decrypted now, never stored in plaintext. */
export async function presentAuditEvents(
  db: DbOrTx,
  cipher: PracticeCipher,
  rows: AuditEventsTable[],
): Promise<AuditEvent[]> {
  const clientsBySeq = new Map<number, string[]>();
  const seqs = rows.map((r) => Number(r.seq));
  for (let i = 0; i < seqs.length; i += 500) {
    const links = await db
      .selectFrom('audit_clients')
      .select(['seq', 'client_id'])
      .where('practice_id', '=', cipher.practiceId)
      .where('seq', 'in', seqs.slice(i, i + 500))
      .orderBy('seq')
      .orderBy('client_id')
      .execute();
    for (const link of links) {
      const seq = Number(link.seq);
      clientsBySeq.set(seq, [...(clientsBySeq.get(seq) ?? []), link.client_id]);
    }
  }
  const people = await loadPeople(db, cipher, [
    ...rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
    ...[...clientsBySeq.values()].flat(),
  ]);
  const person = (id: string): AuditPerson | null => people.get(id) ?? null;
  return rows.map((row) => ({
    id: row.id,
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor_id ? person(row.actor_id) : null,
    action: row.action,
    label: auditActionLabel(row.action),
    clients: (clientsBySeq.get(Number(row.seq)) ?? []).flatMap((id) => person(id) ?? []),
    targets: JSON.parse(row.targets) as Record<string, string>,
    ip: row.ip,
  }));
}
