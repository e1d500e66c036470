import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse, { type Result } from 'lighthouse';
import { freePort } from '../../packages/server/test/pg-cluster.ts';
import { type Child, startChild } from './children.ts';

/** Debian's Chromium, headless, as the browser tests run it. */
const CHROMIUM = '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

/** One Lighthouse run of one page: category scores (0–100), key metrics (ms) and what cost points. */
export interface LighthouseRun {
  scores: Record<(typeof CATEGORIES)[number], number>;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Lighthouse's measure of how fast this machine was during the run (a quiet desktop: about 1,000–2,000) */
  benchmarkIndex: number;
  /** audits below a full score in the three categories, by id (weight > 0 only) */
  failing: string[];
  /** how long the run took, retries included, and how many attempts it needed */
  seconds: number;
  attempts: number;
}

/** Chromium with a DevTools port for Lighthouse to drive (one browser for every run; a fresh tab each). */
export async function startChromium(): Promise<Child & { port: number }> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'confide-lh-'));
  const child = await startChild({
    name: 'chromium',
    command: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    env: {},
    port,
    readyPath: '/json/version',
  });
  return {
    ...child,
    port,
    stop: async () => {
      await child.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Lighthouse 12's default (mobile, simulated slow 4G and 4× CPU) on one page; `cookie` signs the
 * page in (sent with every request of the run, as the browser would after signing in).
 */
export async function runLighthouse(url: string, port: number, cookie?: string): Promise<LighthouseRun> {
  const started = Date.now();
  let lhr: Result | undefined;
  let attempts = 0;
  // On a busy machine the trace sometimes misses the navigation (NO_NAVSTART, "run Lighthouse
  // again"): such a run measured nothing, so it is run again, at most twice.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    attempts = attempt;
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      // Neither changes a score or a metric: the full-page screenshot only illustrates a report,
      // and the back/forward-cache audit (a second navigation after the trace) weighs 0.
      disableFullPageScreenshot: true,
      skipAudits: ['bf-cache'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    lhr = result.lhr;
    if (!lhr.runtimeError) break;
  }
  if (!lhr || lhr.runtimeError) {
    throw new Error(`Lighthouse on ${url}: ${lhr?.runtimeError?.code} ${lhr?.runtimeError?.message}`);
  }
  const score = (id: (typeof CATEGORIES)[number]) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const failing = new Set<string>();
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing.add(ref.id);
    }
  }
  return {
    scores: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      'best-practices': score('best-practices'),
    },
    fcpMs: metric('first-contentful-paint'),
    lcpMs: metric('largest-contentful-paint'),
    tbtMs: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    failing: [...failing],
    seconds: (Date.now() - started) / 1000,
    attempts,
  };
}
