#!/usr/bin/env node
// `npm run test:faults`: every fault-tier scenario (R54) with real server processes, at four
// times the traffic of the quick run inside `npm test`, then one table of what each measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('.tmp', { recursive: true });
rmSync('.tmp/faults.jsonl', { force: true });
const result = spawnSync('npx', ['--no-install', 'vitest', 'run', '--project', 'faults', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CONFIDE_FAULTS: 'full', FAULT_SCALE: process.env.FAULT_SCALE ?? '4' },
});
if (existsSync('.tmp/faults.jsonl')) {
  const rows = readFileSync('.tmp/faults.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const cell = (v) => (v === null || v === undefined ? '–' : String(v));
  process.stdout.write('\n| scenario | acknowledged | present | lost | duplicated | recovered in | notes |\n');
  process.stdout.write('| --- | --- | --- | --- | --- | --- | --- |\n');
  for (const r of rows) {
    const recovered = r.recoverMs === null ? '–' : `${(r.recoverMs / 1000).toFixed(1)} s`;
    process.stdout.write(
      `| ${r.scenario} | ${cell(r.acknowledged)} | ${cell(r.present)} | ${r.lost} | ${r.duplicated} | ${recovered} | ${cell(r.extra)} |\n`,
    );
  }
}
process.exit(result.status ?? 1);
