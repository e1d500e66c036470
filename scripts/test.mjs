#!/usr/bin/env node
// `npm test`: the whole suite — types, lint, unit, API on SQLite and PostgreSQL, browser tests in
// headless Chromium, and the benchmark harness's quick run. Installs Debian's postgresql,
// chromium and poppler-utils when missing and running as root; otherwise says exactly what to install.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('.tmp', { recursive: true });

function run(title, command, args, env = {}) {
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed after ${seconds}s (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
  process.stdout.write(`=== ${title}: ok in ${seconds}s\n`);
}

/**
 * Runs independent stages at once (each reads the sources, none writes what another reads) and
 * prints each one's output whole when it ends, so their lines do not interleave. Fails after all
 * have ended if any failed.
 */
async function runTogether(stages) {
  const results = await Promise.all(
    stages.map(
      ([title, command, args]) =>
        new Promise((resolve) => {
          const started = Date.now();
          const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
          const output = [];
          child.stdout.on('data', (chunk) => output.push(chunk));
          child.stderr.on('data', (chunk) => output.push(chunk));
          child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
          child.on('close', (code, signal) => {
            const seconds = ((Date.now() - started) / 1000).toFixed(0);
            process.stdout.write(`\n=== ${title}\n`);
            process.stdout.write(Buffer.concat(output));
            process.stdout.write(
              code === 0
                ? `=== ${title}: ok in ${seconds}s\n`
                : `\n${title} failed after ${seconds}s (exit ${code ?? signal}).\n`,
            );
            resolve(code ?? 1);
          });
        }),
    ),
  );
  const failed = results.find((code) => code !== 0);
  if (failed !== undefined) process.exit(failed || 1);
}

function hasPostgres() {
  const base = '/usr/lib/postgresql';
  return existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')));
}
const hasChromium = () => existsSync('/usr/bin/chromium');
// The export tests (R49, R50) read the PDFs back as text with poppler's pdftotext.
const hasPdftotext = () => existsSync('/usr/bin/pdftotext');

const missing = [];
if (!hasPostgres()) missing.push('postgresql');
if (!hasChromium()) missing.push('chromium');
if (!hasPdftotext()) missing.push('poppler-utils');
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(
      `The test suite needs Debian's ${missing.join(' and ')}. Install with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`,
    );
    process.exit(1);
  }
  run(`installing ${missing.join(', ')} from Debian`, 'sh', [
    '-c',
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`,
  ]);
}

const npx = (args) => ['npx', ['--no-install', ...args]];
run('build the server', 'node', ['scripts/build-server.mjs']);
// Types, lint and format only read the sources: they run side by side (about the time of the
// slowest instead of the sum).
await runTogether([
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', ...npx(['eslint', '.'])],
  ['format', ...npx(['prettier', '--check', '.'])],
]);
run(
  'unit and API tests (SQLite and PostgreSQL)',
  ...npx(['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json']),
);
run('browser tests (Chromium)', 'node', ['scripts/e2e.mjs']);
if (existsSync('bench/run.ts')) run('benchmark harness (quick)', ...npx(['tsx', 'bench/run.ts', '--quick']));

// One closing line for CI: every test counted, across runners.
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const vitest = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
} catch {
  /* no vitest report */
}
try {
  const e2e = JSON.parse(readFileSync('.tmp/e2e.json', 'utf8'));
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} catch {
  /* no browser report */
}
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
