import { teamNames, type ThreadDetail } from '@confide/api';
import { auditAs, clientTargets } from '../../audit/audit';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import { AppError, notFound } from '../../errors';
import { actsForTeam, assignmentKind, canBeAssigned } from '../../policies/teams';
import { recordEvents } from '../../realtime/event-log';
import type { Sender } from '../threads/sender';
import { loadThreadDetail } from '../threads/thread-detail';
import { clientIdsOf, findOwnThread, loadParticipants } from '../threads/threads.repo';

const auditAction = {
  take: 'thread.taken',
  release: 'thread.released',
  assign: 'thread.assigned',
} as const;

/**
 * R46: assigns a team thread to one of the team's members in it, takes it (oneself) or releases
 * it (null). Only the team's members and admins taking part may (403; others meet 404, R30).
 * Audited, and every staff participant — the whole team — hears of it live. Assigning it to whom
 * it is already assigned changes nothing and records nothing. The change applies only if the
 * thread is still held by whom it was read (and, when the caller says, by whom they saw): two
 * members taking it at once get one success and one 409 `conflict`, never a silent steal.
 */
export async function assignThread(
  ctx: AppContext,
  actor: Sender,
  threadId: string,
  assigneeId: string | null,
  seenAssigneeId?: string | null,
): Promise<ThreadDetail> {
  const found = await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId);
  if (!found) throw notFound('This conversation');
  const { team, assigned_to: previousId } = found.thread;
  if (!team) throw new AppError('forbidden', 'Only a conversation written to a team can be assigned.');
  if (!actsForTeam(actor, team)) {
    throw new AppError('forbidden', `Only members of ${teamNames[team]} can assign this conversation.`);
  }
  const members = (await loadParticipants(ctx.db, actor.practiceId, [threadId])).get(threadId) ?? [];
  if (assigneeId !== null) {
    const assignee = members.find((m) => m.id === assigneeId);
    if (!assignee || !canBeAssigned(assignee, team)) {
      throw new AppError('validation_failed', `Choose a member of ${teamNames[team]} who is in this conversation.`);
    }
  }
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  if (previousId === assigneeId) return loadThreadDetail(ctx.db, cipher, actor, threadId);
  if (seenAssigneeId !== undefined && seenAssigneeId !== previousId) throw changedMeanwhile();

  await transact(ctx, async (tx) => {
    const updated = await tx
      .updateTable('threads')
      .set({ assigned_to: assigneeId })
      .where('id', '=', threadId)
      .where('practice_id', '=', actor.practiceId)
      .where('assigned_to', previousId === null ? 'is' : '=', previousId)
      .executeTakeFirst();
    // Someone assigned it between our read and this write: theirs stands.
    if (Number(updated.numUpdatedRows) === 0) throw changedMeanwhile();
    await auditAs(tx, actor, auditAction[assignmentKind(actor.userId, assigneeId)], {
      threadId,
      ...(assigneeId ? { assigneeId } : {}),
      ...(previousId ? { previousAssigneeId: previousId } : {}),
      ...clientTargets(clientIdsOf(members)),
    });
    await recordEvents(
      tx,
      actor.practiceId,
      members
        .filter((m) => m.kind === 'staff')
        .map((m) => ({ userId: m.id, event: { type: 'thread.assigned' as const, threadId, assigneeId } })),
    );
  });
  return loadThreadDetail(ctx.db, cipher, actor, threadId);
}

function changedMeanwhile(): AppError {
  return new AppError('conflict', 'A colleague changed who has this conversation a moment ago. Look again.');
}
