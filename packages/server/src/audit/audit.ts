import { createHash } from 'node:crypto';
import type { DbOrTx } from '../db';
import type { AuditPendingTable } from '../db/schema';
import { deferredAuditOf } from '../db/transact';
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
): Promise<void> {
  return recordAudit(tx, { practiceId: actor.practiceId, actorId: actor.userId, action, targets, ip: actor.ip });
}

/** The same, appended to the chain at once, saying where it sits (an export states its position). */
export function auditAsAt(
  tx: DbOrTx,
  actor: { practiceId: string; userId: string; ip: string | null },
  action: string,
  targets?: Record<string, string>,
): Promise<AuditPosition> {
  return recordAuditAt(tx, { practiceId: actor.practiceId, actorId: actor.userId, action, targets, ip: actor.ip });
}

export const GENESIS_HASH = '0'.repeat(64);

// The head this process last wrote per practice: a guess that saves reading the head before
// writing it. It is only ever used through a compare-and-set, so a stale guess (another node
// wrote, a transaction rolled back) costs the ordinary path, never a broken chain.
const lastHeads = new Map<string, { seq: number; hash: string }>();

/**
 * Records one event inside the caller's transaction, so it commits with what it records. In a
 * PostgreSQL transaction opened by `transact` the event is written pending and linked into the
 * chain right after the commit, before the request is answered (audit/chainer.ts): the request
 * never holds the chain head's lock. Anywhere else it is appended to the chain at once.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  const after = deferredAuditOf(tx);
  if (!after) {
    await recordAuditAt(tx, entry);
    return;
  }
  await tx.insertInto('audit_pending').values(eventRow(entry)).execute();
  after.audit = true;
}

/**
 * Appends one event to the practice's hash chain at once, inside the caller's transaction, and
 * says where it sits (an export states it). An UPDATE on the chain head is the lock that orders
 * writers (a row lock on PostgreSQL, held to the commit; SQLite has one writer anyway): first a
 * compare-and-set from the head this process last wrote (one read fewer), else UPDATE … RETURNING
 * to learn the head.
 */
export async function recordAuditAt(tx: DbOrTx, entry: AuditEntry): Promise<AuditPosition> {
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
      rememberHead(entry.practiceId, row.seq, hash);
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
  rememberHead(entry.practiceId, seq, hash);
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

/** A new event's row, before it has a position in the chain (as `audit_pending` holds it). */
function eventRow(entry: AuditEntry): AuditPendingTable {
  return {
    id: newId(),
    practice_id: entry.practiceId,
    at: nowIso(),
    actor_id: entry.actorId,
    action: entry.action,
    targets: JSON.stringify(entry.targets ?? {}),
    ip: entry.ip ?? null,
  };
}

/** A new event's row at a position of the chain. */
function auditRow(entry: AuditEntry, seq: number, prevHash: string) {
  return linkedRow(eventRow(entry), seq, prevHash);
}

/** A recorded event (fresh, or pending in `audit_pending`) at a position of the chain. */
export function linkedRow(event: AuditPendingTable, seq: number, prevHash: string) {
  return {
    id: event.id,
    practice_id: event.practice_id,
    seq,
    at: event.at,
    actor_id: event.actor_id,
    action: event.action,
    targets: event.targets,
    ip: event.ip,
    prev_hash: prevHash,
  };
}

/** Notes the head this process last wrote (or linked) for a practice. */
export function rememberHead(practiceId: string, seq: number, hash: string): void {
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
