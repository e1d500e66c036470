import type { AppContext } from '../context';
import { linkAuditEvents } from '../audit/chainer';
import type { StoredEvent } from '../realtime/event-log';
import type { DbOrTx, Tx } from './index';
import { isPostgres } from './notify';

/** What a transaction leaves to do once it has committed. */
interface AfterCommit {
  events: StoredEvent[];
  mail: boolean;
  /** Audit events were written pending: link them before answering (PostgreSQL, audit/chainer.ts). */
  audit: boolean;
}

const pending = new WeakMap<Tx, AfterCommit>();

/**
 * One unit of work: runs `work` in one transaction, then — only once it has committed, never
 * after a rollback — publishes the live events it recorded to this node's sockets and wakes the
 * mail worker if it queued email. `recordEvents` and `enqueueEmails` register with the
 * transaction themselves, so an operation cannot forget either, nor announce what did not commit.
 */
export async function transact<T>(
  ctx: Pick<AppContext, 'db' | 'bus' | 'mail'>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  let after: AfterCommit = { events: [], mail: false, audit: false };
  const result = await ctx.db.transaction().execute((tx) => {
    after = { events: [], mail: false, audit: false };
    pending.set(tx, after);
    return work(tx);
  });
  if (after.events.length > 0) ctx.bus.publish(after.events);
  if (after.mail) ctx.mail.wake();
  if (after.audit) await linkAuditEvents(ctx.db);
  return result;
}

/** Where a transaction opened by `transact` on PostgreSQL notes audit events to link after its commit. */
export function deferredAuditOf(tx: DbOrTx): Pick<AfterCommit, 'audit'> | undefined {
  return isPostgres(tx) ? pending.get(tx as Tx) : undefined;
}

/** The after-commit list of a transaction opened by `transact`; anything else is a programming error. */
export function afterCommitOf(tx: Tx): AfterCommit {
  const after = pending.get(tx);
  if (!after) throw new Error('live events and email are written only inside transact()');
  return after;
}
