import type { BulkResponse } from '@confide/api';
import type { z } from 'zod';
import type { BulkRequest } from '@confide/api';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { deleteThread } from './delete-thread';
import { setThreadFlags, type ThreadFlags } from './mark-thread';
import type { Sender } from './sender';

const flagsOf: Record<Exclude<z.infer<typeof BulkRequest>['action'], 'delete'>, ThreadFlags> = {
  read: { read: true },
  unread: { read: false },
  archive: { archived: true },
  inbox: { archived: false },
};

/**
 * R13: applies one action to each selected thread on its own; threads the caller may not
 * touch are left alone and reported ('not_found' or 'forbidden'), the others go ahead.
 */
export async function bulkThreads(
  ctx: AppContext,
  actor: Sender,
  request: z.infer<typeof BulkRequest>,
): Promise<BulkResponse['results']> {
  const results: BulkResponse['results'] = [];
  for (const id of [...new Set(request.ids)]) {
    try {
      if (request.action === 'delete') await deleteThread(ctx, actor, id);
      else await setThreadFlags(ctx, actor, id, flagsOf[request.action]);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, error: error.code === 'not_found' ? 'not_found' : 'forbidden' });
    }
  }
  return results;
}
