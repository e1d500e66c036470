import { join } from 'node:path';
import { freePort } from '../../packages/server/test/pg-cluster.ts';
import { type Child, startChild } from './children.ts';
import type { LoadResult } from './load.ts';
import { root } from './product.ts';
import type { Figure } from './report.ts';
import { median } from './stats.ts';

/** How this run was asked to go. */
export interface BenchOptions {
  quick: boolean;
  pairs: number;
  /** PostgreSQL server URL (a throwaway cluster) or null for the embedded SQLite */
  pgUrl: string | null;
  profileDir?: string;
}

/** What a scenario hands back. */
export interface Outcome {
  figures: Figure[];
  notes: string[];
  pairs: number;
}

export interface Scenario {
  id: number;
  name: string;
  run(options: BenchOptions): Promise<Outcome>;
}

/** The product lacks what a scenario measures (an endpoint not built yet): reported, not failed. */
export class Skip extends Error {}

/** Starts one of bench/baselines/*.ts as a child process on a free port. */
export async function startBaseline(name: string, env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  return startChild({
    name: `baseline ${name}`,
    command: process.execPath,
    args: ['--import', 'tsx', join(root, 'bench/baselines', `${name}.ts`)],
    env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    port,
    readyPath: '/health',
  });
}

/** Baseline then product, `pairs` times, so drift on a shared machine hits both alike. */
export async function alternate<T>(
  pairs: number,
  baseline: (pair: number) => Promise<T>,
  product: (pair: number) => Promise<T>,
): Promise<{ baseline: T[]; product: T[] }> {
  const out = { baseline: [] as T[], product: [] as T[] };
  for (let pair = 0; pair < pairs; pair += 1) {
    out.baseline.push(await baseline(pair));
    out.product.push(await product(pair));
  }
  return out;
}

/** A figure from paired samples: medians of each side and the median of the per-pair ratios. */
export function pairedFigure(
  name: string,
  unit: string,
  baseline: number[],
  product: number[],
  target?: { text: string; met: (ratio: number, product: number, baseline: number) => boolean },
): Figure {
  const ratios = product.map((p, i) => p / (baseline[i] ?? Number.NaN));
  const figure: Figure = { name, unit, product: median(product), baseline: median(baseline), ratio: median(ratios) };
  if (target) {
    figure.target = target.text;
    figure.met = target.met(figure.ratio!, figure.product, figure.baseline!);
  }
  return figure;
}

/** The p50 and p99 pair of a latency, each beside the baseline's; the target applies to p99. */
export function latencyFigures(
  label: string,
  baseline: { p50: number; p99: number }[],
  product: { p50: number; p99: number }[],
  p99Target: { text: string; met: (ratio: number) => boolean },
): Figure[] {
  const prefix = label ? `${label} ` : '';
  return [
    pairedFigure(
      `${prefix}p50`,
      'ms',
      baseline.map((r) => r.p50),
      product.map((r) => r.p50),
    ),
    pairedFigure(
      `${prefix}p99`,
      'ms',
      baseline.map((r) => r.p99),
      product.map((r) => r.p99),
      p99Target,
    ),
  ];
}

/** Fails the scenario when requests error out: that is the harness (or the server) breaking. */
export function checkLoad(result: LoadResult, label: string, options: { mayStarve?: boolean } = {}): LoadResult {
  const bad = result.errors + result.timeouts + result.non2xx;
  // Under a storm the measured requests may legitimately not finish in the window.
  const starved = options.mayStarve && result.total === 0 && result.errors === 0;
  if ((result.ok === 0 && !starved) || bad > Math.max(1, result.total * 0.01)) {
    throw new Error(
      `${label}: ${result.ok} ok of ${result.total} (errors ${result.errors}, timeouts ${result.timeouts}, status ${JSON.stringify(result.statusCodes)})`,
    );
  }
  return result;
}

/** Waits a little, letting background work (checkpoints, mail) settle between runs. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
