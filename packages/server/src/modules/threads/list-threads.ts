import type { Folder, ThreadSummary, ThreadsResponse } from '@confide/api';
import type { AppContext } from '../../context';
import type { PracticeCipher } from '../../crypto/keyring';
import type { Sender } from './sender';
import { loadCoveringFor } from '../out-of-office/auto-replies.repo';
import { loadOpenAlerts } from '../safety/alerts.repo';
import { decodeCursor, encodeCursor } from './cursor';
import { presentSummary } from './thread.presenter';
import { loadParticipants, visibleTo, type ParticipantRow, type ThreadRow } from './threads.repo';
import { binding } from '../../crypto/bindings';

/**
 * One page of a folder (R11, R14), newest activity first. The WHERE clauses match the
 * tp_inbox / tp_sent indexes column for column, so a page is an index range scan however big
 * the mailbox; threads, participants and people are then loaded in one query each.
 */
export async function listThreads(
  ctx: AppContext,
  actor: Sender,
  query: { folder: Folder; cursor?: string; limit: number },
): Promise<ThreadsResponse> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  let q = ctx.db
    .selectFrom('thread_participants as tp')
    .innerJoin('threads as t', (join) =>
      join.onRef('t.id', '=', 'tp.thread_id').onRef('t.practice_id', '=', 'tp.practice_id'),
    )
    .selectAll('t')
    .select(['tp.unread', 'tp.archived', 'tp.last_activity_at'])
    .where('tp.user_id', '=', actor.userId)
    .where('tp.practice_id', '=', actor.practiceId);
  if (query.folder === 'inbox') q = q.where('tp.archived', '=', 0).where('tp.has_incoming', '=', 1);
  else if (query.folder === 'archive') q = q.where('tp.archived', '=', 1);
  else if (query.folder === 'sent') q = q.where('tp.has_sent', '=', 1);
  else {
    // R41/R42: the threads with an open alert of that kind; clients never see alerts.
    if (actor.kind !== 'staff') return { threads: [], nextCursor: null };
    const kind = query.folder;
    q = q.where('tp.thread_id', 'in', (eb) =>
      eb
        .selectFrom('thread_alerts')
        .select('thread_id')
        .where('practice_id', '=', actor.practiceId)
        .where('kind', '=', kind)
        .where('cleared_at', 'is', null),
    );
  }
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    // A row-value comparison, so both SQLite and PostgreSQL seek the index to the cursor.
    q = q.where((eb) => eb(eb.refTuple('tp.last_activity_at', 'tp.thread_id'), '<', eb.tuple(at, id)));
  }
  const rows = await q
    .orderBy('tp.last_activity_at', 'desc')
    .orderBy('tp.thread_id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const threads = await presentThreadRows(ctx, actor, cipher, page);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last ? encodeCursor({ at: last.last_activity_at, id: last.id }) : null;
  return { threads, nextCursor };
}

/**
 * Folder rows for a page of threads (R14): participants, open alerts and covering notes are
 * loaded for the whole page in one query each, never per row.
 */
export async function presentThreadRows(
  ctx: AppContext,
  actor: Sender,
  cipher: PracticeCipher,
  page: (ThreadRow & Pick<ParticipantRow, 'unread' | 'archived'>)[],
): Promise<ThreadSummary[]> {
  // The same few people are named on every row: each name is decrypted once per page.
  const names = cipher.remembering();
  const participants = await loadParticipants(
    ctx.db,
    actor.practiceId,
    page.map((r) => r.id),
  );
  const alerts =
    actor.kind === 'staff'
      ? await loadOpenAlerts(
          ctx.db,
          actor.practiceId,
          page.map((r) => r.id),
        )
      : null;
  // R40: "Covering for …" on the rows of threads the viewer covers for an away colleague.
  const covering =
    actor.kind === 'staff'
      ? await loadCoveringFor(
          ctx.db,
          names,
          actor.practiceId,
          actor.userId,
          page.map((r) => r.id),
        )
      : null;
  return page.map((row) => {
    const subject = cipher.decrypt(binding('threads.subject', row.id), row.subject_enc);
    const members = visibleTo(actor, participants.get(row.id) ?? []);
    const summary = presentSummary(actor, names, row, row, subject, members);
    const coveringFor = covering?.get(row.id);
    const marked = coveringFor ? { ...summary, coveringFor } : summary;
    return alerts ? { ...marked, alerts: alerts.get(row.id) ?? [] } : marked;
  });
}
