import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db';
import { unscoped } from '../db/unscoped';
import { newId, nowIso } from '../ids';

export interface AuditEntry {
  practiceId: string;
  actorId: string | null;
  /** e.g. `auth.login`, `thread.opened`, `message.sent`, `admin.client.updated` */
  action: string;
  /** Ids only — never content, names or file names. */
  targets?: Record<string, string>;
  ip?: string | null;
}

/** Records what a signed-in person did: their practice, their id and the address they came from. */
export function auditAs(
  tx: DbOrTx,
  actor: { practiceId: string; userId: string; ip: string | null },
  action: string,
  targets?: Record<string, string>,
): Promise<void> {
  return recordAudit(tx, { practiceId: actor.practiceId, actorId: actor.userId, action, targets, ip: actor.ip });
}

export const GENESIS_HASH = '0'.repeat(64);

// The head this process last wrote per practice: a guess that saves reading the head before
// writing it. It is only ever used through a compare-and-set, so a stale guess (another node
// wrote, a transaction rolled back) costs the ordinary path, never a broken chain.
const lastHeads = new Map<string, { seq: number; hash: string }>();

/**
 * Appends one event to the practice's hash chain, inside the caller's transaction so it commits
 * with what it records. An UPDATE on the chain head is the lock that orders writers (a row lock
 * on PostgreSQL; SQLite has one writer anyway): first a compare-and-set from the head this
 * process last wrote (one read fewer), else UPDATE … RETURNING to learn the head.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  const guess = lastHeads.get(entry.practiceId);
  if (guess) {
    const row = auditRow(entry, guess.seq + 1, guess.hash);
    const hash = chainHash(row);
    // Under a row lock the WHERE is checked against the committed head, so only a true successor is written.
    const result = await tx
      .updateTable('audit_heads')
      .set({ seq: row.seq, hash })
      .where('practice_id', '=', entry.practiceId)
      .where('seq', '=', guess.seq)
      .where('hash', '=', guess.hash)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      await tx
        .insertInto('audit_events')
        .values({ ...row, hash })
        .execute();
      remember(entry.practiceId, row.seq, hash);
      return;
    }
  }
  const head = await tx
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('practice_id', '=', entry.practiceId)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
  let seq = 1;
  let prevHash = GENESIS_HASH;
  if (head) {
    seq = Number(head.seq);
    prevHash = head.hash;
  } else {
    await tx.insertInto('audit_heads').values({ practice_id: entry.practiceId, seq: 1, hash: GENESIS_HASH }).execute();
  }
  const row = auditRow(entry, seq, prevHash);
  const hash = chainHash(row);
  await tx
    .insertInto('audit_events')
    .values({ ...row, hash })
    .execute();
  await tx.updateTable('audit_heads').set({ hash }).where('practice_id', '=', entry.practiceId).execute();
  remember(entry.practiceId, seq, hash);
}

function auditRow(entry: AuditEntry, seq: number, prevHash: string) {
  return {
    id: newId(),
    practice_id: entry.practiceId,
    seq,
    at: nowIso(),
    actor_id: entry.actorId,
    action: entry.action,
    targets: JSON.stringify(entry.targets ?? {}),
    ip: entry.ip ?? null,
    prev_hash: prevHash,
  };
}

function remember(practiceId: string, seq: number, hash: string): void {
  // One entry per practice this process audits; a full map means churn, so start over.
  if (lastHeads.size >= 10_000 && !lastHeads.has(practiceId)) lastHeads.clear();
  lastHeads.set(practiceId, { seq, hash });
}

/** The hash of one audit row, over every field and the previous row's hash. */
export function chainHash(row: {
  id: string;
  practice_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  targets: string;
  ip: string | null;
  prev_hash: string;
}): string {
  const canonical = JSON.stringify([
    row.id,
    row.practice_id,
    Number(row.seq),
    row.at,
    row.actor_id,
    row.action,
    row.targets,
    row.ip,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  practices: number;
  events: number;
  problems: string[];
}

/** Walks every practice's chain: an edited, removed, inserted or reordered row shows as a problem. */
export async function verifyAuditChains(db: DbOrTx): Promise<VerifyResult> {
  const heads = await unscoped(db, 'audit.verify').selectFrom('audit_heads').selectAll().execute();
  const problems: string[] = [];
  let events = 0;
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let afterSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('practice_id', '=', head.practice_id)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(1000)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expectedSeq)
          problems.push(`practice ${head.practice_id}: event ${expectedSeq} is missing (found ${seq})`);
        if (row.prev_hash !== prevHash)
          problems.push(`practice ${head.practice_id}: event ${seq} does not follow the one before it`);
        if (chainHash(row) !== row.hash) problems.push(`practice ${head.practice_id}: event ${seq} was altered`);
        prevHash = row.hash;
        expectedSeq = seq + 1;
        afterSeq = seq;
        events += 1;
      }
    }
    if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash) {
      problems.push(
        `practice ${head.practice_id}: the chain ends at event ${expectedSeq - 1}, its head says ${Number(head.seq)}`,
      );
    }
  }
  return { ok: problems.length === 0, practices: heads.length, events, problems };
}
