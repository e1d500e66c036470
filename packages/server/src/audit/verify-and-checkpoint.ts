import { isPostgres } from '../db/notify';
import { linkAuditEvents } from './chainer';
import { checkpointFile, checkpointKey, writeAuditCheckpoints, type CheckpointDeps } from './checkpoints';
import { verifyAuditChains, type VerifyResult } from './verify';

/**
 * `confide audit verify`: links what is pending (PostgreSQL), then checks every chain against the database's checkpoints, this node's
 * checkpoint file and any other nodes' files given; when all is well, checkpoints what it
 * verified, so the next run (and any rollback) is judged against it.
 */
export async function verifyAndCheckpoint(deps: CheckpointDeps, otherFiles: string[]): Promise<VerifyResult> {
  const files = [...new Set([checkpointFile(deps.config.dataDir), ...otherFiles])];
  if (isPostgres(deps.db)) await linkAuditEvents(deps.db);
  const result = await verifyAuditChains(deps.db, { key: checkpointKey(deps.keys.master.key), files });
  if (result.ok) await writeAuditCheckpoints(deps, { heads: result.heads.filter((h) => h.seq > 0) });
  return result;
}
