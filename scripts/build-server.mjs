#!/usr/bin/env node
// Builds the server into packages/server/dist/cli.js: one ES module bundled by esbuild with a
// source map, packages/api inlined and every npm dependency left to node_modules. Runs on
// `npm install` (prepare), before `npm start`, `npm test`, the browser tests and the benchmark;
// it skips the work when the bundle is newer than every source file (`--force` builds anyway).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const server = join(root, 'packages/server');
const outfile = join(server, 'dist/cli.js');
const sources = [join(server, 'src'), join(root, 'packages/api/src'), join(server, 'package.json')];

/** Newest modification time under a path, test files left out (they are not in the bundle). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const isFresh = existsSync(outfile) && statSync(outfile).mtimeMs > Math.max(...sources.map(newest));
if (isFresh && !process.argv.includes('--force')) process.exit(0);

const { dependencies } = JSON.parse(readFileSync(join(server, 'package.json'), 'utf8'));
const started = Date.now();
await build({
  entryPoints: [join(server, 'src/cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  // npm packages load from node_modules as they are; only the workspace's own code is bundled.
  external: Object.keys(dependencies).filter((name) => !name.startsWith('@confide/')),
  logLevel: 'warning',
});
process.stdout.write(`Built the server into packages/server/dist in ${Date.now() - started} ms.\n`);
