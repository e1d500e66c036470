import type { DbOrTx } from '.';

/**
 * The only ways past the practice-scope check (db/practice-scope.ts), each a legitimate
 * operation that spans practices or runs before one is known. ARCHITECTURE.md lists them; a new
 * one is added here, with its reason, and there.
 */
export const crossPracticeReasons = {
  migrations: 'schema migrations and their backfills run over every practice, before the app does',
  'token.lookup':
    'a session cookie or one-time link names no practice: the hash of its token finds the row, which names the practice',
  'outbox.worker': 'the mail worker claims due emails of every practice and records how each one ended (rows by id)',
  'events.relay':
    "the cross-node relay hands every practice's committed events to this node's sockets: by seq after a notice, and by range after a lost connection",
  'events.prune': 'live events past their replay window are deleted in every practice at once (a range of seqs)',
  'keys.rewrap': 'after a master key change, every practice key is re-wrapped under the new master key',
  'audit.verify': '`confide audit verify` walks the chain of every practice, starting from the list of chain heads',
  tests: 'API tests count and alter stored rows of every practice directly (test/harness.ts; never server code)',
  'audit.link':
    'the audit chainer links the pending events of every practice into their chains (each practice under its own head lock)',
  'audit.checkpoint':
    'the checkpoint writer reads the chain head and latest checkpoint of every practice, to sign those that moved',
  'attachments.sweep':
    'the sweeper deletes unsent uploads past their age, and checks stored blobs against rows, in every practice',
  'safety.jobs':
    'the reminder and escalation worker claims the due job of any practice (its row names the practice; the job is scoped)',
  'retention.jobs':
    "the retention worker claims any practice's unfinished daily run (its row names the practice; the run is scoped)",
  'search.backfill':
    'at start, the search backfill finds every practice it has not indexed yet (each practice is then indexed scoped)',
  'search.queue':
    'the search indexer takes queued messages of any practice, oldest first (each practice is then indexed scoped)',
  'notices.round':
    'the calm-notifications worker finds the people of any practice with a due new-message email (each person is then handled scoped)',
  'sign-in.prune': 'failed sign-ins nobody added to for a day are forgotten in every practice at once (by age)',
} as const;

export type CrossPracticeReason = keyof typeof crossPracticeReasons;

/** The same database or transaction without the practice-scope check, for a named reason. */
export function unscoped<T extends DbOrTx>(db: T, _reason: CrossPracticeReason): T {
  return db.withoutPlugins() as T;
}
