import { existsSync, readFileSync } from 'node:fs';
import { followsLine, type Checkpoint, type CheckpointLine } from './checkpoints';

/**
 * Reads a checkpoint file: its checkpoints (signatures are judged by the caller), and where
 * the line chain breaks — a line removed, altered or moved shows at the line after it, named
 * by that line's practice and event.
 */
export function readCheckpointFile(
  key: Buffer,
  path: string,
): { checkpoints: Checkpoint[]; broken: { practiceId: string; seq: number; problem: string }[] } {
  if (!existsSync(path)) return { checkpoints: [], broken: [] };
  const checkpoints: Checkpoint[] = [];
  const broken: { practiceId: string; seq: number; problem: string }[] = [];
  let prev = '';
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((text, index) => {
    if (!text.trim()) return;
    let line: CheckpointLine;
    try {
      line = JSON.parse(text) as CheckpointLine;
    } catch {
      broken.push({ practiceId: '?', seq: 0, problem: `line ${index + 1} of ${path} is not a checkpoint` });
      return;
    }
    if (!followsLine(key, prev, line)) {
      broken.push({
        practiceId: line.practiceId,
        seq: line.seq,
        problem: `line ${index + 1} of ${path} does not follow the line before it (a checkpoint was removed, altered or moved)`,
      });
    }
    prev = line.mac;
    checkpoints.push({
      practiceId: line.practiceId,
      seq: Number(line.seq),
      hash: line.hash,
      at: line.at,
      node: line.node,
      sig: line.sig,
    });
  });
  return { checkpoints, broken };
}
