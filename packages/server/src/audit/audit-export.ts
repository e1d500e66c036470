import type { Writable } from 'node:stream';
import type { DbOrTx } from '../db';
import { AppError } from '../errors';

const header = 'seq,at,practice_id,actor_id,action,targets,ip,hash\n';

/** One CSV field, quoted when needed and defused against spreadsheet formula injection. */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows of audit events as CSV lines. */
function auditCsvLines(
  rows: {
    seq: number;
    at: string;
    practice_id: string;
    actor_id: string | null;
    action: string;
    targets: string;
    ip: string | null;
    hash: string;
  }[],
): string {
  return rows
    .map((r) => [r.seq, r.at, r.practice_id, r.actor_id, r.action, r.targets, r.ip, r.hash].map(csvField).join(','))
    .join('\n');
}

/** Streams the audit log (one practice, or all) as CSV, in chain order, a page at a time. */
export async function exportAuditCsv(db: DbOrTx, practiceSlug: string | null, out: Writable): Promise<void> {
  let practiceIds: string[];
  if (practiceSlug) {
    const practice = await db.selectFrom('practices').select('id').where('slug', '=', practiceSlug).executeTakeFirst();
    if (!practice) throw new AppError('not_found', `There is no practice with the slug "${practiceSlug}".`);
    practiceIds = [practice.id];
  } else {
    practiceIds = (await db.selectFrom('audit_heads').select('practice_id').execute()).map((r) => r.practice_id);
  }
  for await (const chunk of auditCsvChunks(db, practiceIds)) out.write(chunk);
}

/** The CSV of some practices' audit logs, header first, then a chunk per page of 1000 events. */
export async function* auditCsvChunks(db: DbOrTx, practiceIds: string[]): AsyncGenerator<string> {
  yield header;
  for (const practiceId of practiceIds) {
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      yield `${auditCsvLines(rows)}\n`;
      after = Number(rows[rows.length - 1]?.seq ?? after);
    }
  }
}
