import type { Db, DbOrTx } from '../db';
import { isPostgres } from '../db/notify';
import { unscoped } from '../db/unscoped';
import type { AppContext } from '../context';
import { chainHash, clientsOf, GENESIS_HASH, linkedRow, rememberHead } from './audit';

/**
 * Links pending audit events into their practices' hash chains, after the transactions that wrote
 * them have committed (PostgreSQL; ARCHITECTURE.md "Audit chain per practice").
 *
 * A request's transaction writes its event to `audit_pending` and never touches the chain head, so
 * sends of one practice no longer hold the head's row lock through their own commit. Once the
 * request's transaction has committed, `transact` waits here before answering: a run takes each
 * practice's head lock, gives its committed pending events the next positions in id order (UUIDv7,
 * the order they were written), writes them to `audit_events` and `audit_clients`, deletes them
 * from `audit_pending` and moves the head — all in one transaction, so one commit (and one WAL
 * flush) links every event that arrived meanwhile. Nothing committed is lost: a pending row stays
 * until the transaction that links it commits; a failed run is tried again, and every server links
 * what is left at start.
 */

/** Events linked per practice per transaction; a backlog is linked in several. */
const BATCH = 500;
/** How soon a failed run (database away) is tried again. */
const RETRY_MS = 1000;

interface Chainer {
  /** Runs asked for / finished: a caller waits for the first run that starts after it asked. */
  requested: number;
  finished: number;
  waiters: { run: number; resolve: () => void }[];
  loop: Promise<void> | null;
  retry: NodeJS.Timeout | null;
  log: Pick<AppContext['log'], 'warn'> | null;
}

const chainers = new WeakMap<Db, Chainer>();

function chainerOf(db: Db): Chainer {
  let chainer = chainers.get(db);
  if (!chainer) {
    chainer = { requested: 0, finished: 0, waiters: [], loop: null, retry: null, log: null };
    chainers.set(db, chainer);
  }
  return chainer;
}

/**
 * Links every committed pending event. Resolves once a run that started after the call has
 * finished (so an event committed before the call is linked), and never rejects: a failure is
 * logged and the run tried again shortly; the events stay pending, never lost.
 */
export function linkAuditEvents(db: Db): Promise<void> {
  const chainer = chainerOf(db);
  chainer.requested += 1;
  const run = chainer.requested;
  return new Promise((resolve) => {
    chainer.waiters.push({ run, resolve });
    chainer.loop ??= runLoop(db, chainer);
  });
}

async function runLoop(db: Db, chainer: Chainer): Promise<void> {
  while (chainer.finished < chainer.requested) {
    const run = chainer.requested;
    try {
      while ((await linkBatch(db)) === BATCH);
    } catch (error) {
      chainer.log?.warn({ err: error }, 'linking audit events failed; trying again shortly');
      if (!chainer.retry) {
        chainer.retry = setTimeout(() => {
          chainer.retry = null;
          void linkAuditEvents(db);
        }, RETRY_MS);
        chainer.retry.unref();
      }
    }
    chainer.finished = run;
    const done = chainer.waiters.filter((w) => w.run <= run);
    chainer.waiters = chainer.waiters.filter((w) => w.run > run);
    for (const w of done) w.resolve();
  }
  chainer.loop = null;
}

/**
 * Links up to BATCH pending events of each practice that has some, in one transaction. Returns the
 * largest number linked for one practice (BATCH: there may be more).
 */
async function linkBatch(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const practices = (
      await unscoped(tx, 'audit.link').selectFrom('audit_pending').select('practice_id').distinct().execute()
    )
      .map((r) => r.practice_id)
      .sort();
    let most = 0;
    // Heads are locked in practice order, so two nodes' chainers never wait on each other in a circle.
    for (const practiceId of practices) most = Math.max(most, await linkPractice(tx, practiceId));
    return most;
  });
}

async function linkPractice(tx: DbOrTx, practiceId: string): Promise<number> {
  // The head's row lock orders every writer of this chain (another node's chainer, an export
  // that states its position); the pending rows are read only once it is held.
  const lockHead = () =>
    tx
      .updateTable('audit_heads')
      .set((eb) => ({ seq: eb.ref('seq') }))
      .where('practice_id', '=', practiceId)
      .returning(['seq', 'hash'])
      .executeTakeFirst();
  let head = await lockHead();
  if (!head) {
    await tx
      .insertInto('audit_heads')
      .values({ practice_id: practiceId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('practice_id').doNothing())
      .execute();
    head = await lockHead();
  }
  if (!head) throw new Error('the audit chain head could not be created');
  const pending = await tx
    .selectFrom('audit_pending')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('id')
    .limit(BATCH)
    .execute();
  if (pending.length === 0) return 0;
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const events = pending.map((p) => {
    seq += 1;
    const row = linkedRow(p, seq, prevHash);
    const hash = chainHash(row);
    prevHash = hash;
    return { ...row, hash };
  });
  await tx.insertInto('audit_events').values(events).execute();
  const clients = events.flatMap((e) =>
    clientsOf(JSON.parse(e.targets) as Record<string, string>).map((id) => ({
      practice_id: practiceId,
      client_id: id,
      seq: e.seq,
      action: e.action,
    })),
  );
  if (clients.length > 0) await tx.insertInto('audit_clients').values(clients).execute();
  await tx
    .deleteFrom('audit_pending')
    .where('practice_id', '=', practiceId)
    .where(
      'id',
      'in',
      pending.map((p) => p.id),
    )
    .execute();
  await tx.updateTable('audit_heads').set({ seq, hash: prevHash }).where('practice_id', '=', practiceId).execute();
  rememberHead(practiceId, seq, prevHash);
  return pending.length;
}

/**
 * Links whatever a stopped server left pending, at start, then keeps linking on a slow timer in
 * case a run failed while nobody was waiting, and once more when stopped. Failures are logged and
 * tried again. SQLite links in the writing transaction (it has one writer anyway): nothing to do.
 */
export function startAuditChainer(
  deps: Pick<AppContext, 'db' | 'log'>,
  options: { everyMs?: number } = {},
): { stop(): Promise<void> } {
  if (!isPostgres(deps.db)) return { stop: () => Promise.resolve() };
  const chainer = chainerOf(deps.db);
  chainer.log = deps.log;
  void linkAuditEvents(deps.db);
  const timer = setInterval(() => void linkAuditEvents(deps.db), options.everyMs ?? 30_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await linkAuditEvents(deps.db);
      if (chainer.retry) clearTimeout(chainer.retry);
      chainer.retry = null;
    },
  };
}
