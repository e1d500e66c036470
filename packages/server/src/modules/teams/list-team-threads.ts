import type { Team, TeamView, ThreadsResponse } from '@confide/api';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { actsForTeam } from '../../policies/teams';
import { decodeCursor, encodeCursor } from '../threads/cursor';
import { presentThreadRows } from '../threads/list-threads';
import type { Sender } from '../threads/sender';

/**
 * R46: one page of a team's view — Unassigned, Mine or All — newest message first. Only the
 * team's members (and admins) may ask (403 otherwise), and a row shows only if the caller takes
 * part in the thread (R30): the inner join on their own participant row. The WHERE clauses match
 * `threads_team` / `threads_team_assignee` column for column, so a page is one index range scan.
 */
export async function listTeamThreads(
  ctx: AppContext,
  actor: Sender,
  team: Team,
  query: { view: TeamView; cursor?: string; limit: number },
): Promise<ThreadsResponse> {
  if (!actsForTeam(actor, team)) throw new AppError('forbidden', 'Only members of this team can see its messages.');
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  let q = ctx.db
    .selectFrom('threads as t')
    .innerJoin('thread_participants as tp', (join) =>
      join
        .onRef('tp.thread_id', '=', 't.id')
        .onRef('tp.practice_id', '=', 't.practice_id')
        .on('tp.user_id', '=', actor.userId),
    )
    .selectAll('t')
    .select(['tp.unread', 'tp.archived'])
    .where('t.practice_id', '=', actor.practiceId)
    .where('t.team', '=', team);
  if (query.view === 'unassigned') q = q.where('t.assigned_to', 'is', null);
  else if (query.view === 'mine') q = q.where('t.assigned_to', '=', actor.userId);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    q = q.where((eb) => eb(eb.refTuple('t.last_message_at', 't.id'), '<', eb.tuple(at, id)));
  }
  const rows = await q
    .orderBy('t.last_message_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const threads = await presentThreadRows(ctx, actor, cipher, page);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ at: last.last_message_at, id: last.id }) : null;
  return { threads, nextCursor };
}
