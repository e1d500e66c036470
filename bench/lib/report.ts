import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { round } from './stats.ts';

/** One measured figure, with its same-run baseline and the ratio when there is one. */
export interface Figure {
  name: string;
  unit: string;
  product: number;
  baseline?: number;
  /** product ÷ baseline, the median of the per-pair ratios */
  ratio?: number;
  target?: string;
  /** whether the target is met (reported, never gated) */
  met?: boolean;
}

export interface ScenarioResult {
  id: number;
  name: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  pairs: number;
  seconds: number;
  figures: Figure[];
  notes: string[];
}

/** The machine and code a run describes. */
export function machine() {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* not a checkout */
  }
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
  };
}

const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : String(round(v)));

/** The table printed at the end of a run. */
export function renderTable(results: ScenarioResult[]): string {
  const rows: string[][] = [['scenario', 'figure', 'Confide', 'baseline', 'ratio', 'target', 'met']];
  for (const result of results) {
    const title = `${result.id}. ${result.name}`;
    if (result.status !== 'ok') {
      rows.push([title, `${result.status}: ${result.reason ?? ''}`, '', '', '', '', '']);
      continue;
    }
    result.figures.forEach((f, i) => {
      rows.push([
        i === 0 ? title : '',
        `${f.name} (${f.unit})`,
        fmt(f.product),
        fmt(f.baseline),
        f.ratio === undefined ? '' : fmt(f.ratio),
        f.target ?? '',
        f.met === undefined ? '' : f.met ? 'yes' : 'NO',
      ]);
    });
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
