import type { DbOrTx } from '../db';
import { unscoped } from '../db/unscoped';
import { chainHash, GENESIS_HASH } from './audit';
import { isSigned, type Checkpoint } from './checkpoints';
import { readCheckpointFile } from './checkpoint-file';

/** Where a chain (or a checkpoint file) first stops being trustworthy, and why. */
export interface BrokenPosition {
  practiceId: string;
  /** The first event that cannot be trusted. */
  seq: number;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  practices: number;
  events: number;
  /** Validly signed checkpoints the rows were checked against. */
  checkpoints: number;
  problems: string[];
  /** Per practice with a problem, its first broken position. */
  firstBroken: BrokenPosition[];
  /** Each practice's verified chain end (what `audit verify` checkpoints when all is well). */
  heads: { practiceId: string; seq: number; hash: string }[];
  /**
   * Events committed but not linked into their chain yet (PostgreSQL: the chainer links them in
   * a moment, audit/chainer.ts). They are the chain's pending tail, not a break: nothing is
   * missing from the chain, and they get the positions after its head.
   */
  pending: number;
}

export interface VerifyOptions {
  /** The checkpoint key (from the master key); checkpoints are judged with it. */
  key: Buffer;
  /** Checkpoint files to read besides the database's copy (one per node). */
  files: string[];
}

interface Known extends Checkpoint {
  source: string;
}

/**
 * Walks every practice's chain against itself and against its signed checkpoints: an edited,
 * removed, inserted or reordered row, a cut tail, a head moved back, a chain rewritten and
 * rehashed after an edit, a forged checkpoint, or a checkpoint removed from a file all show,
 * each at the first position it breaks.
 */
export async function verifyAuditChains(db: DbOrTx, options: VerifyOptions): Promise<VerifyResult> {
  const broken: BrokenPosition[] = [];
  const fail = (practiceId: string, seq: number, problem: string) =>
    broken.push({ practiceId, seq, problem: `practice ${practiceId}: ${problem}` });

  const known = new Map<string, Map<number, Known>>();
  let accepted = 0;
  const accept = (cp: Checkpoint, source: string) => {
    if (!isSigned(options.key, cp)) {
      fail(cp.practiceId, cp.seq, `the checkpoint of event ${cp.seq} in ${source} has a wrong signature (forged)`);
      return;
    }
    const mine = known.get(cp.practiceId) ?? new Map<number, Known>();
    known.set(cp.practiceId, mine);
    const other = mine.get(cp.seq);
    if (other && other.hash !== cp.hash) {
      fail(cp.practiceId, cp.seq, `two signed checkpoints of event ${cp.seq} disagree (${other.source}, ${source})`);
    }
    mine.set(cp.seq, { ...cp, source });
    accepted += 1;
  };

  const stored = await unscoped(db, 'audit.verify').selectFrom('audit_checkpoints').selectAll().execute();
  const inDb = stored.map((r) => ({
    practiceId: r.practice_id,
    seq: Number(r.seq),
    hash: r.hash,
    at: r.at,
    node: r.node,
    sig: r.sig,
  }));
  for (const cp of inDb) accept(cp, 'the database');
  for (const file of options.files) {
    const read = readCheckpointFile(options.key, file);
    for (const b of read.broken) fail(b.practiceId, b.seq, b.problem);
    for (const cp of read.checkpoints) accept(cp, file);
    crossCheck(inDb, read.checkpoints, file, fail);
  }

  const heads = await unscoped(db, 'audit.verify').selectFrom('audit_heads').selectAll().execute();
  const verified: VerifyResult['heads'] = [];
  let events = 0;
  for (const head of heads) {
    const checkpoints = known.get(head.practice_id) ?? new Map<number, Known>();
    known.delete(head.practice_id);
    const walked = await walkChain(db, head.practice_id, checkpoints, (seq, problem) =>
      fail(head.practice_id, seq, problem),
    );
    events += walked.events;
    const end = walked.end;
    if (Number(head.seq) !== end.seq || head.hash !== end.hash) {
      fail(
        head.practice_id,
        Math.min(Number(head.seq), end.seq) + 1,
        `the chain ends at event ${end.seq}, its head says ${Number(head.seq)}`,
      );
    }
    const latest = [...checkpoints.values()].reduce<Known | null>((a, b) => (a && a.seq >= b.seq ? a : b), null);
    if (latest && latest.seq > end.seq) {
      fail(
        head.practice_id,
        end.seq + 1,
        `events ${end.seq + 1} to ${latest.seq} are missing: a checkpoint of ${latest.at} saw the chain at event ${latest.seq} (the tail was cut or the head moved back)`,
      );
    }
    if (latest && Number(head.seq) < latest.seq) {
      fail(
        head.practice_id,
        Number(head.seq) + 1,
        `the head (event ${Number(head.seq)}) is behind the checkpoint of event ${latest.seq}`,
      );
    }
    verified.push({ practiceId: head.practice_id, seq: end.seq, hash: end.hash });
  }
  for (const [practiceId, checkpoints] of known) {
    const latest = Math.max(...checkpoints.keys());
    fail(practiceId, 1, `the whole chain is gone, though a checkpoint saw it at event ${latest}`);
  }

  const waiting = await unscoped(db, 'audit.verify')
    .selectFrom('audit_pending')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();

  broken.sort((a, b) => a.practiceId.localeCompare(b.practiceId) || a.seq - b.seq);
  const firstBroken = broken.filter((b, i) => i === 0 || broken[i - 1]?.practiceId !== b.practiceId);
  return {
    ok: broken.length === 0,
    practices: heads.length,
    events,
    checkpoints: accepted,
    problems: broken.map((b) => b.problem),
    firstBroken,
    heads: verified,
    pending: Number(waiting?.n ?? 0),
  };
}

/** One practice's chain in order, checked link by link and against its checkpoints. */
async function walkChain(
  db: DbOrTx,
  practiceId: string,
  checkpoints: ReadonlyMap<number, Known>,
  fail: (seq: number, problem: string) => void,
): Promise<{ events: number; end: { seq: number; hash: string } }> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastGood = 0;
  let events = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) fail(expectedSeq, `event ${expectedSeq} is missing (found ${seq})`);
      if (row.prev_hash !== prevHash) fail(seq, `event ${seq} does not follow the one before it`);
      if (chainHash(row) !== row.hash) fail(seq, `event ${seq} was altered`);
      const checkpoint = checkpoints.get(seq);
      if (checkpoint && checkpoint.hash !== row.hash) {
        fail(
          Math.min(seq, lastGood + 1),
          `event ${seq} differs from its checkpoint of ${checkpoint.at}: the events after ${lastGood} were rewritten`,
        );
      } else if (checkpoint) {
        lastGood = seq;
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      events += 1;
    }
  }
  return { events, end: { seq: expectedSeq - 1, hash: prevHash } };
}

/**
 * A file and the database each hold what this node checkpointed: one missing from the other
 * was removed (a checkpoint whose file was not given is not looked for).
 */
function crossCheck(
  inDb: Checkpoint[],
  inFile: Checkpoint[],
  file: string,
  fail: (practiceId: string, seq: number, problem: string) => void,
): void {
  const nodes = new Set(inFile.map((c) => c.node));
  const keyOf = (c: Checkpoint) => `${c.practiceId}:${c.seq}`;
  const fileKeys = new Set(inFile.map(keyOf));
  const dbKeys = new Set(inDb.map(keyOf));
  for (const cp of inDb) {
    if (nodes.has(cp.node) && !fileKeys.has(keyOf(cp))) {
      fail(cp.practiceId, cp.seq, `the checkpoint of event ${cp.seq} was removed from ${file}`);
    }
  }
  for (const cp of inFile) {
    if (!dbKeys.has(keyOf(cp))) {
      fail(cp.practiceId, cp.seq, `the checkpoint of event ${cp.seq} was removed from the database (still in ${file})`);
    }
  }
}
