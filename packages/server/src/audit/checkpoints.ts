import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { AppContext } from '../context';
import { unscoped } from '../db/unscoped';

/** The append-only checkpoint file every node keeps in its own DATA_DIR. */
export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/** A practice's chain head at a moment, signed with a key the database does not hold. */
export interface Checkpoint {
  practiceId: string;
  seq: number;
  hash: string;
  at: string;
  /** Which node wrote it (its checkpoint file is the one to look in). */
  node: string;
  sig: string;
}

/** A line of a checkpoint file: the checkpoint, chained to the line before it. */
export interface CheckpointLine extends Checkpoint {
  /** The `mac` of the line before ('' for the first line). */
  prev: string;
  /** HMAC over `prev` and `sig`: removing or reordering a line breaks the next one. */
  mac: string;
}

export type CheckpointDeps = Pick<AppContext, 'db' | 'keys' | 'log' | 'config' | 'clock'>;

/** The signing key: derived from the master key, so whoever holds only the database cannot sign. */
export function checkpointKey(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, 'confide', 'audit-checkpoint-v1', 32));
}

/** This node's name in checkpoints: stable for a host and data directory, nothing personal. */
export function nodeId(dataDir: string): string {
  return createHash('sha256').update(`confide-node\n${hostname()}\n${dataDir}`).digest('hex').slice(0, 16);
}

/** The path of this node's checkpoint file. */
export function checkpointFile(dataDir: string): string {
  return join(dataDir, CHECKPOINT_FILE);
}

function hmac(key: Buffer, parts: unknown[]): string {
  return createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The signature of a checkpoint. */
export function signCheckpoint(key: Buffer, cp: Omit<Checkpoint, 'sig'>): string {
  return hmac(key, ['audit-checkpoint-v1', cp.practiceId, cp.seq, cp.hash, cp.at, cp.node]);
}

/** Whether a checkpoint carries the signature its fields call for. */
export function isSigned(key: Buffer, cp: Checkpoint): boolean {
  return sameHex(cp.sig, signCheckpoint(key, cp));
}

/** The chaining MAC of a file line. */
export function lineMac(key: Buffer, prev: string, sig: string): string {
  return hmac(key, ['audit-checkpoint-line-v1', prev, sig]);
}

/** Whether a file line follows the line whose mac is `prev`. */
export function followsLine(key: Buffer, prev: string, line: CheckpointLine): boolean {
  return line.prev === prev && sameHex(line.mac, lineMac(key, prev, line.sig));
}

/** The `mac` of a file's last line, read from its tail ('' when the file is empty or absent). */
function lastMac(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 16_384);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const last = buffer.toString('utf8').trimEnd().split('\n').pop() ?? '';
    if (!last) return '';
    return (JSON.parse(last) as CheckpointLine).mac;
  } finally {
    closeSync(fd);
  }
}

// One writer at a time per process, so lines chain in the order they are appended.
let writing: Promise<unknown> = Promise.resolve();

/**
 * Checkpoints chain heads: signed, into `audit_checkpoints`, this node's file (0600, append-only,
 * each line chained to the one before) and the application log (ids and hashes only). With no
 * `heads` given, every practice whose head moved past its latest checkpoint. Safe to call from
 * several nodes at once: the same head checkpointed twice is kept once in the database.
 */
export function writeAuditCheckpoints(
  deps: CheckpointDeps,
  options: { now?: () => Date; heads?: { practiceId: string; seq: number; hash: string }[] } = {},
): Promise<Checkpoint[]> {
  const run = writing.then(() => writeNow(deps, options));
  writing = run.catch(() => undefined);
  return run;
}

async function writeNow(
  deps: CheckpointDeps,
  options: { now?: () => Date; heads?: { practiceId: string; seq: number; hash: string }[] },
): Promise<Checkpoint[]> {
  const heads =
    options.heads ??
    (
      await unscoped(deps.db, 'audit.checkpoint')
        .selectFrom('audit_heads')
        .select(['practice_id', 'seq', 'hash'])
        .where('seq', '>', 0)
        .execute()
    ).map((h) => ({ practiceId: h.practice_id, seq: Number(h.seq), hash: h.hash }));
  const latest = new Map(
    (
      await unscoped(deps.db, 'audit.checkpoint')
        .selectFrom('audit_checkpoints')
        .select(['practice_id', (eb) => eb.fn.max('seq').as('seq')])
        .groupBy('practice_id')
        .execute()
    ).map((row) => [row.practice_id, Number(row.seq)]),
  );
  const moved = heads.filter((h) => h.seq > (latest.get(h.practiceId) ?? 0));
  if (moved.length === 0) return [];
  const key = checkpointKey(deps.keys.master.key);
  const node = nodeId(deps.config.dataDir);
  const at = (options.now ?? (() => deps.clock.now()))().toISOString();
  const checkpoints = moved.map((h) => {
    const unsigned = { practiceId: h.practiceId, seq: h.seq, hash: h.hash, at, node };
    return { ...unsigned, sig: signCheckpoint(key, unsigned) };
  });
  await deps.db
    .insertInto('audit_checkpoints')
    .values(
      checkpoints.map((cp) => ({
        practice_id: cp.practiceId,
        seq: cp.seq,
        hash: cp.hash,
        at: cp.at,
        node: cp.node,
        sig: cp.sig,
      })),
    )
    .onConflict((oc) => oc.columns(['practice_id', 'seq']).doNothing())
    .execute();
  const path = checkpointFile(deps.config.dataDir);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let prev = lastMac(path);
  const lines = checkpoints.map((cp) => {
    const line: CheckpointLine = { ...cp, prev, mac: lineMac(key, prev, cp.sig) };
    prev = line.mac;
    return `${JSON.stringify(line)}\n`;
  });
  appendFileSync(path, lines.join(''), { mode: 0o600, flag: 'a' });
  for (const cp of checkpoints) {
    deps.log.info({ practiceId: cp.practiceId, seq: cp.seq, hash: cp.hash }, 'audit checkpoint');
  }
  return checkpoints;
}

/** How often a server checkpoints heads that moved. */
export const CHECKPOINT_EVERY_MS = 5 * 60_000;

/**
 * Checkpoints moved heads on a timer, and once more when stopped (the server's shutdown calls
 * `stop`). A failure (database away) is logged and tried again at the next tick.
 */
export function startAuditCheckpointer(
  deps: CheckpointDeps,
  options: { everyMs?: number; now?: () => Date } = {},
): { stop(): Promise<void> } {
  const tick = () =>
    writeAuditCheckpoints(deps, { now: options.now }).then(
      () => undefined,
      (error: unknown) => deps.log.warn({ err: error }, 'audit checkpoint failed; trying again later'),
    );
  const timer = setInterval(() => void tick(), options.everyMs ?? CHECKPOINT_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await tick();
    },
  };
}
