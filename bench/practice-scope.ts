// `npx tsx bench/practice-scope.ts` — what the practice-scope check costs per query: the same
// statements built and run on an in-memory SQLite with and without the plugin, alternating in
// rounds, medians of per-round figures.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrations } from '../packages/server/src/db/migrations/index.ts';
import { PracticeScopePlugin, scopeProblem } from '../packages/server/src/db/practice-scope.ts';
import type { Database } from '../packages/server/src/db/schema.ts';

const P = 'practice-1';

function open(plugins: boolean): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
    plugins: plugins ? [new PracticeScopePlugin()] : [],
  });
}

// A mailbox page: two joins, six conditions — the largest tree the server builds on a hot path.
function page(db: Kysely<Database>) {
  return db
    .selectFrom('thread_participants as tp')
    .innerJoin('threads as t', (j) =>
      j.onRef('t.id', '=', 'tp.thread_id').onRef('t.practice_id', '=', 'tp.practice_id'),
    )
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 't.created_by').onRef('u.practice_id', '=', 't.practice_id'))
    .select(['t.id', 't.subject_enc', 'tp.unread', 'u.name_enc'])
    .where('tp.practice_id', '=', P)
    .where('tp.user_id', '=', 'user-1')
    .where('tp.archived', '=', 0)
    .where('tp.has_incoming', '=', 1)
    .orderBy('tp.last_activity_at', 'desc')
    .limit(25);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function perQueryMicros(run: () => unknown, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) await run();
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

const plain = open(false);
const scoped = open(true);
for (const db of [plain, scoped]) {
  for (const migration of Object.values(migrations)) await migration.up(db.withoutPlugins());
}

const rounds = 9;
const n = 5000;
const node = page(plain).toOperationNode();
const figures = {
  check: [] as number[],
  buildPlain: [] as number[],
  buildScoped: [] as number[],
  runPlain: [] as number[],
  runScoped: [] as number[],
};
for (let round = 0; round < rounds; round += 1) {
  figures.check.push(await perQueryMicros(() => scopeProblem(node), n));
  figures.buildPlain.push(await perQueryMicros(() => page(plain).compile(), n));
  figures.buildScoped.push(await perQueryMicros(() => page(scoped).compile(), n));
  figures.runPlain.push(await perQueryMicros(() => page(plain).execute(), n));
  figures.runScoped.push(await perQueryMicros(() => page(scoped).execute(), n));
}
console.log(
  `build+compile: ${median(figures.buildPlain).toFixed(1)} µs plain, ${median(figures.buildScoped).toFixed(1)} µs checked`,
);
console.log(
  `execute (empty in-memory SQLite): ${median(figures.runPlain).toFixed(1)} µs plain, ${median(figures.runScoped).toFixed(1)} µs checked`,
);
console.log(`the check alone: ${median(figures.check).toFixed(1)} µs per statement`);
await plain.destroy();
await scoped.destroy();
