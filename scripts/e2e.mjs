#!/usr/bin/env node
// Browser tests: build the web app, then run Playwright against the real server in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
if (!existsSync('tests/e2e/playwright.config.ts')) {
  process.stdout.write('No browser tests yet.\n');
  process.exit(0);
}
const build = spawnSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status || 1);
const result = spawnSync(
  'npx',
  ['--no-install', 'playwright', 'test', '-c', 'tests/e2e/playwright.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
