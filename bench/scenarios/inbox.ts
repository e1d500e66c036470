import { existsSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type LoadResult, type LoadSpec, runLoad } from '../lib/load.ts';
import { api, authHeaders, publishedPaths } from '../lib/product.ts';
import { alternate, checkLoad, pairedFigure, type Scenario, settle, Skip, startBaseline } from '../lib/scenario.ts';
import { encodeCursor } from '../../packages/server/src/modules/threads/cursor.ts';
import { getWorld } from '../lib/setup.ts';

/** 3. Inbox: first page, a deep page and the unread count of a very large mailbox. */
export const inbox: Scenario = {
  id: 3,
  name: 'Inbox',
  async run(options) {
    const world = await getWorld(options);
    const { product, reader } = world;
    const paths = await publishedPaths(product.url);
    if (!paths.has('GET /api/threads') || !paths.has('GET /api/unread')) {
      throw new Skip('endpoint not available (GET /api/threads, GET /api/unread)');
    }
    const baseline = await startBaseline('page', {
      ...world.store.env,
      BENCH_PRACTICE_ID: world.practiceId,
      BENCH_USER_ID: reader.userId,
    });
    try {
      // The deep cursor: the thread `depth` down, encoded as the product encodes its cursors, and
      // checked against the product's own — its page of one thread before it hands out the same
      // cursor. (Paging there 100 at a time took minutes of the run and measured nothing.)
      const depth = Math.floor(world.mailboxThreads / 2);
      const rowAt = async (d: number) =>
        (await (await fetch(`${baseline.url}/cursor-at?depth=${d}`)).json()) as {
          cursor: string;
          at: string;
          id: string;
        };
      const [before, deep] = [await rowAt(depth - 1), await rowAt(depth)];
      const cursor = encodeCursor({ at: deep.at, id: deep.id });
      const check: { nextCursor: string | null } = await api(
        product.url,
        reader,
        'GET',
        `/api/threads?folder=inbox&limit=1&cursor=${encodeCursor({ at: before.at, id: before.id })}`,
      );
      if (check.nextCursor !== cursor)
        throw new Error(`the product's cursor at ${depth} is ${check.nextCursor}, not ${cursor} as computed`);
      const bareCursor = deep.cursor;
      const seconds = options.quick ? 1 : 3;
      const headers = authHeaders(reader);
      const queries: { name: string; product: string; baseline: string }[] = [
        { name: 'first page', product: '/api/threads?folder=inbox&limit=25', baseline: '/threads?limit=25' },
        {
          name: `deep page (${depth})`,
          product: `/api/threads?folder=inbox&limit=25&cursor=${cursor}`,
          baseline: `/threads?limit=25&cursor=${bareCursor}`,
        },
        { name: 'unread count', product: '/api/unread', baseline: '/unread' },
      ];
      const spec = (url: string, path: string, h: Record<string, string>): LoadSpec => ({
        url,
        connections: 2,
        duration: seconds,
        variants: [{ method: 'GET', path, headers: h }],
      });
      const audit = auditCounter(world.store.dataDir);
      const figures = [];
      const notes = [`${world.mailboxThreads} threads in the inbox, 2 connections`];
      const firstP50: number[] = [];
      const deepP50: number[] = [];
      let pageRequests = 0;
      const auditBefore = audit?.() ?? 0;
      for (const q of queries) {
        if (!options.quick) await runLoad({ ...spec(product.url, q.product, headers), duration: 1 });
        const runs = await alternate<LoadResult>(
          options.pairs,
          async () => checkLoad(await runLoad(spec(baseline.url, q.baseline, {})), `bare ${q.name}`),
          async () => {
            const r = checkLoad(await runLoad(spec(product.url, q.product, headers)), q.name);
            if (q.name !== 'unread count') pageRequests += r.total;
            await settle(100);
            return r;
          },
        );
        if (q.name === 'first page') firstP50.push(...runs.product.map((r) => r.p50));
        else if (q.name !== 'unread count') deepP50.push(...runs.product.map((r) => r.p50));
        const b = runs.baseline;
        const p = runs.product;
        figures.push(
          pairedFigure(
            `${q.name} p50`,
            'ms',
            b.map((r) => r.p50),
            p.map((r) => r.p50),
            { text: '≤ 1.5', met: (r) => r <= 1.5 },
          ),
          pairedFigure(
            `${q.name} p99`,
            'ms',
            b.map((r) => r.p99),
            p.map((r) => r.p99),
            { text: '≤ 2', met: (r) => r <= 2 },
          ),
          pairedFigure(
            `${q.name} requests/s`,
            'per s',
            b.map((r) => r.rps),
            p.map((r) => r.rps),
          ),
        );
      }
      const deepVsFirst = deepP50.map((d, i) => d / (firstP50[i] ?? Number.NaN));
      figures.push({
        name: 'deep page p50 ÷ first page p50',
        unit: 'ratio',
        product: deepVsFirst.sort((a, b) => a - b)[Math.floor(deepVsFirst.length / 2)] ?? Number.NaN,
        target: '≤ 1 (+noise)',
        met: (deepVsFirst[Math.floor(deepVsFirst.length / 2)] ?? 99) <= 1.15,
      });
      if (audit) {
        const perRead = (audit() - auditBefore) / Math.max(1, pageRequests);
        figures.push({
          name: 'audit rows per page read',
          unit: 'rows',
          product: perRead,
          target: '< 1 (batched)',
          met: perRead < 1,
        });
      }
      return { figures, notes, pairs: options.pairs };
    } finally {
      await baseline.stop();
    }
  },
};

/** Counts audit rows in the product's SQLite file (read-only); null on PostgreSQL. */
function auditCounter(dataDir: string): (() => number) | null {
  const file = join(dataDir, 'confide.db');
  if (!existsSync(file)) return null;
  return () => {
    const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
}
