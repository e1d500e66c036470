import type { ThreadDetail } from '@confide/api';
import { auditAs } from '../../audit/audit';
import { threadAuditTargets } from '../../audit/thread-clients';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { transact } from '../../db/transact';
import { nowIso } from '../../ids';
import { cancelJobs } from '../safety/jobs.repo';
import { setThreadFlagsInTx } from './mark-thread';
import type { Sender } from './sender';
import { loadThreadDetail } from './thread-detail';
import { findOwnThread } from './threads.repo';

/**
 * Opens a thread (R8, R12): marks it read, audits the access, ends a pending reminder (R41),
 * answers everything written in it.
 */
export async function openThread(ctx: AppContext, actor: Sender, threadId: string): Promise<ThreadDetail> {
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  if (!(await findOwnThread(ctx.db, actor.practiceId, actor.userId, threadId))) throw notFound('This conversation');
  await transact(ctx, async (tx) => {
    await setThreadFlagsInTx(tx, ctx, actor, threadId, { read: true });
    await auditAs(tx, actor, 'thread.opened', await threadAuditTargets(tx, actor.practiceId, threadId));
    // R41: a staff member opened the client's message, so nobody needs reminding of it.
    if (actor.kind === 'staff') {
      await cancelJobs(tx, {
        practiceId: actor.practiceId,
        threadId,
        kinds: ['reminder'],
        now: nowIso(ctx.clock.now()),
      });
    }
  });
  return loadThreadDetail(ctx.db, cipher, actor, threadId);
}
