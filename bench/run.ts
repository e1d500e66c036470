// `npm run bench` — Confide against bare platform baselines, same machine, same run.
//   --quick            smoke run (1 pair, tiny durations, small mailbox): the test suite's check
//   --db postgres      the product (and baselines) on a throwaway PostgreSQL cluster, fsync on
//   --only 1,3         some scenarios only
//   --profile          run the product under `node --cpu-prof` (profiles in bench/results/profiles)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type PgCluster, startPgCluster } from '../packages/server/test/pg-cluster.ts';
import { killAll } from './lib/children.ts';
import { root } from './lib/product.ts';
import { currentProduct, stopWorld } from './lib/setup.ts';
import { machine, renderTable, type ScenarioResult } from './lib/report.ts';
import { type BenchOptions, type Scenario, Skip } from './lib/scenario.ts';
import { attachments } from './scenarios/attachments.ts';
import { day } from './scenarios/day.ts';
import { delivery } from './scenarios/delivery.ts';
import { inbox } from './scenarios/inbox.ts';
import { search } from './scenarios/search.ts';
import { send } from './scenarios/send.ts';
import { signIn } from './scenarios/sign-in.ts';
import { web } from './scenarios/web.ts';

const scenarios: Scenario[] = [send, delivery, inbox, attachments, signIn, day, search, web];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    db: { type: 'string', default: 'sqlite' },
    only: { type: 'string' },
    pairs: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** The PostgreSQL settings that decide durability and speed, as the cluster reports them. */
async function pgSettings(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = [
      'server_version',
      'fsync',
      'synchronous_commit',
      'full_page_writes',
      'wal_sync_method',
      'shared_buffers',
    ];
    const { rows } = await client.query<{ name: string; setting: string }>(
      'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)',
      [names],
    );
    return Object.fromEntries(names.map((n) => [n, rows.find((r) => r.name === n)?.setting ?? '?']));
  } finally {
    await client.end();
  }
}

/** When the shared server has died: says so, with the end of its output. */
async function serverDown(): Promise<string | null> {
  const product = await currentProduct();
  if (!product || product.alive()) return null;
  return `the Confide server exited; its last output:\n${product.output().slice(-3000)}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const quick = values.quick;
  const resultsDir = join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  let cluster: PgCluster | null = null;
  let databaseSettings: Record<string, string> | null = null;
  if (values.db === 'postgres') {
    // Durable, as a practice would run it: acknowledged = on disk (the test suite's cluster is not).
    cluster = await startPgCluster({ durable: true });
    databaseSettings = await pgSettings(cluster.url);
  } else if (values.db !== 'sqlite') throw new Error('--db is sqlite (default) or postgres');
  const options: BenchOptions = {
    quick,
    pairs: values.pairs ? Number(values.pairs) : quick ? 1 : 5,
    pgUrl: cluster?.url ?? null,
    ...(values.profile ? { profileDir: join(resultsDir, 'profiles') } : {}),
  };
  const only = values.only ? new Set(values.only.split(',').map(Number)) : null;
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of scenarios) {
      if (only && !only.has(scenario.id)) continue;
      const t0 = Date.now();
      process.stdout.write(`\n— ${scenario.id}. ${scenario.name} …\n`);
      const base = { id: scenario.id, name: scenario.name };
      try {
        const outcome = await scenario.run(options);
        results.push({ ...base, status: 'ok', ...outcome, seconds: (Date.now() - t0) / 1000 });
      } catch (error) {
        const skipped = error instanceof Skip;
        let reason = error instanceof Error ? error.message : String(error);
        const down = await serverDown();
        if (down) reason = `${reason}\n${down}`;
        process.stdout.write(`  ${skipped ? 'skipped' : 'FAILED'}: ${reason}\n`);
        results.push({
          ...base,
          status: skipped ? 'skipped' : 'failed',
          reason: skipped ? reason : reason.split('\n')[0],
          pairs: 0,
          seconds: (Date.now() - t0) / 1000,
          figures: [],
          notes: skipped ? [] : [reason.slice(0, 4000)],
        });
      }
      process.stdout.write(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    await stopWorld().catch(() => undefined);
    killAll();
    cluster?.stop();
  }
  const report = {
    when: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    database: values.db,
    ...(databaseSettings ? { databaseSettings } : {}),
    pairs: options.pairs,
    seconds: (Date.now() - started) / 1000,
    machine: machine(),
    scenarios: results,
  };
  // Only a complete, unprofiled full run replaces latest.json.
  const partial = Boolean(values.only || values.pairs || values.profile);
  const name = quick ? 'quick' : partial ? 'partial' : 'latest';
  const file = join(resultsDir, `${name}${values.db === 'postgres' ? '-postgres' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${renderTable(results)}\n`);
  for (const r of results) for (const note of r.notes) process.stdout.write(`  ${r.id}: ${note.split('\n')[0]}\n`);
  process.stdout.write(
    `\n${report.mode} run, ${values.db}${
      databaseSettings
        ? ` (${Object.entries(databaseSettings)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')})`
        : ''
    }, ${options.pairs} pair(s), ${report.seconds.toFixed(0)} s on ${report.machine.cpus} CPUs, node ${report.machine.node}, commit ${report.machine.commit} → ${file}\n`,
  );
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    killAll();
    process.exit(1);
  },
);
