import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { csvField } from '../../audit/audit-export';
import { filteredAuditEvents, presentAuditEvents, type AuditFilters } from './audit-log';

export const adminAuditCsvHeader = 'seq,at,who,who_id,role,action,action_code,clients,client_ids,records,ip,hash\n';

/**
 * R32: the events matching the admin's filters as CSV, oldest first, with names and words,
 * a page of 500 at a time (the export is streamed, never built whole).
 */
export async function* adminAuditCsv(
  db: DbOrTx,
  cipher: PracticeCipher,
  filters: AuditFilters,
): AsyncGenerator<string> {
  yield adminAuditCsvHeader;
  let after = 0;
  for (;;) {
    const rows = await filteredAuditEvents(db, cipher.practiceId, filters)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(500)
      .execute();
    const last = rows[rows.length - 1];
    if (!last) return;
    after = Number(last.seq);
    const events = await presentAuditEvents(db, cipher, rows);
    yield events
      .map((e, i) =>
        [
          e.seq,
          e.at,
          e.actor?.name ?? (e.actorId ? 'Unknown person' : 'System'),
          e.actorId,
          e.actor?.role ?? null,
          e.label,
          e.action,
          e.clients.map((c) => c.name).join('; '),
          e.clients.map((c) => c.id).join(' '),
          Object.entries(e.targets)
            .map(([key, value]) => `${key}=${value}`)
            .join(' '),
          e.ip,
          rows[i]?.hash ?? null,
        ]
          .map(csvField)
          .join(','),
      )
      .join('\n')
      .concat('\n');
  }
}
