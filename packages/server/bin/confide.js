#!/usr/bin/env node
// The `confide` command runs the built server (scripts/build-server.mjs, run by `npm install`).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('The server is not built yet: run `npm run build:server` (npm install does it).\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(bundle.href);
