import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** One scenario's figures, as the closing table of the fault tier lists them. */
export interface FaultFigures {
  acknowledged: number | null;
  present: number | null;
  lost: number;
  duplicated: number;
  recoverMs: number | null;
  extra?: string;
}

const file = join(import.meta.dirname, '../../../../.tmp/faults.jsonl');

/** Prints a scenario's figures and appends them to .tmp/faults.jsonl (read by `npm run test:faults`). */
export function report(scenario: string, figures: FaultFigures): void {
  const row = { scenario, ...figures, at: new Date().toISOString() };
  process.stdout.write(`[fault] ${JSON.stringify(row)}\n`);
  mkdirSync(join(file, '..'), { recursive: true });
  appendFileSync(file, `${JSON.stringify(row)}\n`);
}
