import { parseSettings } from '@confide/api';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import { unscoped } from '../../db/unscoped';
import { nowIso } from '../../ids';
import { enqueueEmails } from '../../outbox/enqueue';
import { getPractice } from '../practices/practices.repo';

/** People looked at per query of a round. */
const BATCH = 50;

type Person = { practice_id: string; recipient_id: string };
type Outcome = 'emailed' | 'settled' | 'busy';

/**
 * R48, one person, one transaction: their due notices become one new-message email, or wait
 * for the digest window, or go (the thread was read). The person's `notice_digests` row is the
 * lock — `FOR UPDATE SKIP LOCKED` on PostgreSQL, so another node skips them; SQLite has one
 * writer — and the notices are deleted, the outbox row written and `last_emailed_at` moved in
 * the same commit. A node killed halfway commits nothing and the next round starts over, so a
 * notice becomes an email once; the outbox then delivers that email once (R21).
 */
async function settlePerson(ctx: AppContext, person: Person, now: string): Promise<Outcome> {
  const { practice_id: practiceId, recipient_id: recipientId } = person;
  return transact(ctx, async (tx) => {
    await tx
      .insertInto('notice_digests')
      .values({ practice_id: practiceId, recipient_id: recipientId, last_emailed_at: null })
      .onConflict((oc) => oc.columns(['practice_id', 'recipient_id']).doNothing())
      .execute();
    let lock = tx
      .selectFrom('notice_digests')
      .select('last_emailed_at')
      .where('practice_id', '=', practiceId)
      .where('recipient_id', '=', recipientId);
    if (ctx.dialect === 'postgres') lock = lock.forUpdate().skipLocked();
    const digest = await lock.executeTakeFirst();
    if (!digest) return 'busy';

    const notices = await tx
      .selectFrom('pending_notices as n')
      .leftJoin('thread_participants as tp', (join) =>
        join
          .onRef('tp.practice_id', '=', 'n.practice_id')
          .onRef('tp.thread_id', '=', 'n.thread_id')
          .onRef('tp.user_id', '=', 'n.recipient_id'),
      )
      .select(['n.thread_id', 'n.due_at', 'tp.unread'])
      .where('n.practice_id', '=', practiceId)
      .where('n.recipient_id', '=', recipientId)
      .execute();
    const due = notices.filter((n) => n.due_at <= now);
    // Read (or gone) since: a read normally deletes its notice; this also covers a thread deleted.
    const stale = due.filter((n) => Number(n.unread) !== 1).map((n) => n.thread_id);
    if (stale.length > 0) {
      await tx
        .deleteFrom('pending_notices')
        .where('practice_id', '=', practiceId)
        .where('recipient_id', '=', recipientId)
        .where('thread_id', 'in', stale)
        .execute();
    }
    if (due.length === stale.length) return 'settled';

    const settings = parseSettings((await getPractice(tx, practiceId)).settings);
    const opensAt = digest.last_emailed_at
      ? Date.parse(digest.last_emailed_at) + settings.notificationDigestMinutes * 60_000
      : 0;
    if (opensAt > Date.parse(now)) {
      // Emailed within the digest window: what is due waits for the window's end.
      await tx
        .updateTable('pending_notices')
        .set({ due_at: nowIso(new Date(opensAt)) })
        .where('practice_id', '=', practiceId)
        .where('recipient_id', '=', recipientId)
        .where('due_at', '<=', now)
        .execute();
      return 'settled';
    }
    // One email for every message waiting for this person, due or not yet.
    await tx
      .deleteFrom('pending_notices')
      .where('practice_id', '=', practiceId)
      .where('recipient_id', '=', recipientId)
      .execute();
    await tx
      .updateTable('notice_digests')
      .set({ last_emailed_at: now })
      .where('practice_id', '=', practiceId)
      .where('recipient_id', '=', recipientId)
      .execute();
    await enqueueEmails(tx, [{ practiceId, recipientId, template: 'new_message' }]);
    return 'emailed';
  });
}

/**
 * Runs the notices due by the context's clock, person by person (R48); answers how many emails
 * it queued. Each settled person's due notices are gone or pushed past now, so the loop ends;
 * people another node is settling are left to it.
 */
export async function runDueNotices(ctx: AppContext): Promise<number> {
  let emailed = 0;
  for (;;) {
    const now = nowIso(ctx.clock.now());
    const people = await unscoped(ctx.db, 'notices.round')
      .selectFrom('pending_notices')
      .select(['practice_id', 'recipient_id'])
      .distinct()
      .where('due_at', '<=', now)
      .limit(BATCH)
      .execute();
    let progressed = false;
    for (const person of people) {
      const outcome = await settlePerson(ctx, person, now);
      if (outcome === 'emailed') emailed += 1;
      if (outcome !== 'busy') progressed = true;
    }
    if (!progressed) return emailed;
  }
}
