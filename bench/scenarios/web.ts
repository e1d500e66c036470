import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type LighthouseRun, runLighthouse, startChromium } from '../lib/lighthouse.ts';
import { login, root } from '../lib/product.ts';
import type { Figure } from '../lib/report.ts';
import { type Scenario, Skip } from '../lib/scenario.ts';
import { getWorld } from '../lib/setup.ts';
import { median, round } from '../lib/stats.ts';

const webDist = join(root, 'packages/web/dist');
const KiB = 1024;

/** The scripts and styles the page loads before anything shows (its script, module preloads, styles). */
function firstLoad(): { files: string[]; raw: number; brotli: number; gzip: number } {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const size = (path: string) => (existsSync(path) ? statSync(path).size : Number.NaN);
  let raw = 0;
  let brotli = 0;
  let gzip = 0;
  for (const file of files) {
    const path = join(webDist, file);
    raw += size(path);
    brotli += size(`${path}.br`);
    gzip += size(`${path}.gz`);
  }
  return { files, raw, brotli, gzip };
}

/** 8. Web app: what the sign-in page downloads first, and Lighthouse on three pages (full run only). */
export const web: Scenario = {
  id: 8,
  name: 'Web app load',
  async run(options) {
    if (!existsSync(join(webDist, 'index.html'))) throw new Skip('web app not built (npm run build:web)');
    const world = await getWorld(options);
    const { product, slug } = world;
    const sizes = firstLoad();
    // What the server actually sends for them: the brotli copies, where the browser accepts br.
    const encodings = new Set<string>();
    for (const file of sizes.files) {
      const res = await fetch(product.url + file, { headers: { 'accept-encoding': 'br, gzip' } });
      await res.arrayBuffer();
      encodings.add(`${res.status} ${res.headers.get('content-encoding') ?? 'identity'}`);
    }
    const figures: Figure[] = [
      { name: 'sign-in first load (JS + CSS)', unit: 'KiB', product: round(sizes.raw / KiB) },
      {
        name: 'sign-in first load, brotli',
        unit: 'KiB',
        product: round(sizes.brotli / KiB),
        target: 'served compressed',
        met: encodings.size === 1 && encodings.has('200 br'),
      },
    ];
    const notes = [
      `first load: ${sizes.files.length} files, ${round(sizes.raw / KiB)} KiB raw, ${round(sizes.brotli / KiB)} KiB brotli, ${round(sizes.gzip / KiB)} KiB gzip; served as ${[...encodings].join(', ')}`,
    ];
    if (options.quick) {
      notes.push('Lighthouse runs in the full run only');
      return { figures, notes, pairs: 0 };
    }

    // Fresh sessions (the shared world's may have gone idle during the earlier scenarios).
    const staff = await login(product.url, slug, 'p1@bench.example');
    // The pool's last client: the first ones' threads hold the thousands of replies of the send,
    // delivery and sign-in scenarios, which no real client's chat does.
    const client = await login(product.url, slug, `pool${world.pool.length - 1}@bench.example`);
    const pages = [
      { label: 'sign-in', url: `${product.url}/p/${slug}/sign-in`, cookie: undefined },
      { label: 'staff mailbox', url: `${product.url}/p/${slug}/mail/inbox`, cookie: staff.cookie },
      { label: 'client chat', url: `${product.url}/p/${slug}/messages`, cookie: client.cookie },
    ];
    const rounds = 3;
    const runs = new Map<string, LighthouseRun[]>(pages.map((p) => [p.label, []]));
    const chromium = await startChromium();
    try {
      // Round-robin, so a busy moment on the shared machine does not land on one page only.
      for (let round = 0; round < rounds; round += 1) {
        for (const page of pages) runs.get(page.label)!.push(await runLighthouse(page.url, chromium.port, page.cookie));
      }
    } finally {
      await chromium.stop();
    }
    for (const page of pages) {
      const done = runs.get(page.label)!;
      const of = (pick: (r: LighthouseRun) => number) => median(done.map(pick));
      const performance = of((r) => r.scores.performance);
      const accessibility = of((r) => r.scores.accessibility);
      const bestPractices = of((r) => r.scores['best-practices']);
      figures.push(
        {
          name: `${page.label}: Lighthouse performance`,
          unit: 'score',
          product: performance,
          target: '≥ 95',
          met: performance >= 95,
        },
        {
          name: `${page.label}: accessibility / best practices`,
          unit: 'score',
          product: Math.min(accessibility, bestPractices),
          target: '100 / 100',
          met: accessibility === 100 && bestPractices === 100,
        },
        { name: `${page.label}: largest contentful paint`, unit: 'ms', product: round(of((r) => r.lcpMs)) },
      );
      const failing = [...new Set(done.flatMap((r) => r.failing))];
      notes.push(
        `${page.label}: performance ${done.map((r) => r.scores.performance).join('/')}, accessibility ${done.map((r) => r.scores.accessibility).join('/')}, best practices ${done.map((r) => r.scores['best-practices']).join('/')}; FCP ${round(of((r) => r.fcpMs))} ms, LCP ${round(of((r) => r.lcpMs))} ms, TBT ${round(of((r) => r.tbtMs))} ms, CLS ${round(of((r) => r.cls))}; below full marks: ${failing.join(', ') || 'none'}`,
      );
    }
    const all = [...runs.values()].flat();
    const speed = all.map((r) => r.benchmarkIndex);
    notes.push(
      `Lighthouse ${rounds} runs a page (medians), mobile defaults (simulated slow 4G, 4× CPU on top of this machine's speed), Debian Chromium headless; signed-in pages with a session cookie; benchmarkIndex ${Math.min(...speed)}–${Math.max(...speed)} (a quiet desktop: about 1,000–2,000); seconds a run ${all.map((r) => `${Math.round(r.seconds)}${r.attempts > 1 ? ` (${r.attempts} attempts)` : ''}`).join(', ')}`,
    );
    return { figures, notes, pairs: rounds };
  },
};
