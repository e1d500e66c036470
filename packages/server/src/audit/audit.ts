import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db';
import { newId, nowIso } from '../ids';

export interface AuditEntry {
  practiceId: string;
  actorId: string | null;
  /** e.g. `auth.login`, `thread.opened`, `message.sent`, `admin.client.updated` */
  action: string;
  /**
   * Ids only — never content, names or file names. `clientId`, and `clientIds` (comma-separated,
   * see `clientTargets`), name the clients the event concerns; they are indexed in `audit_clients`.
   */
  targets?: Record<string, string>;
  ip?: string | null;
}

/** Where an event sits in its practice's chain: exports state it so they can be checked later (R49). */
export interface AuditPosition {
  seq: number;
  hash: string;
}

/** Records what a signed-in person did: their practice, their id and the address they came from. */
export function auditAs(
  tx: DbOrTx,
  actor: { practiceId: string; userId: string; ip: string | null },
  action: string,
  targets?: Record<string, string>,
): Promise<AuditPosition> {
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
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<AuditPosition> {
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
      await insertEvent(tx, row, hash, entry.targets);
      remember(entry.practiceId, row.seq, hash);
      return { seq: row.seq, hash };
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
  await insertEvent(tx, row, hash, entry.targets);
  await tx.updateTable('audit_heads').set({ hash }).where('practice_id', '=', entry.practiceId).execute();
  remember(entry.practiceId, seq, hash);
  return { seq, hash };
}

/** The event row, and the index of the clients it concerns (both covered by its commit). */
async function insertEvent(
  tx: DbOrTx,
  row: ReturnType<typeof auditRow>,
  hash: string,
  targets: Record<string, string> | undefined,
): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({ ...row, hash })
    .execute();
  const clients = clientsOf(targets ?? {});
  if (clients.length === 0) return;
  await tx
    .insertInto('audit_clients')
    .values(clients.map((id) => ({ practice_id: row.practice_id, client_id: id, seq: row.seq, action: row.action })))
    .execute();
}

/** The clients an event's targets name: `clientId` and the comma-separated `clientIds`. */
export function clientsOf(targets: Record<string, string>): string[] {
  const ids = new Set<string>();
  if (targets.clientId) ids.add(targets.clientId);
  for (const id of targets.clientIds?.split(',') ?? []) if (id) ids.add(id);
  return [...ids];
}

/** Targets naming the clients of a thread (sorted, so equal sets give equal rows); none when no client. */
export function clientTargets(clientIds: readonly string[]): { clientIds?: string } {
  return clientIds.length === 0 ? {} : { clientIds: [...clientIds].sort().join(',') };
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
