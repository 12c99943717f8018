/**
 * `npm run bench:report`: how fast the report of a 1 000-run sweep opens in the browser (the README's figure).
 *
 * Two 1 000-run sweeps of the flagship, livepeer-inflation, over 90 days (91 samples of 24 metrics per run):
 *   (a) 50 points × 20 replicates (livepeer_targetBondingRate × livepeer_inflationChange, 10 × 5): small multiples, one panel per point;
 *   (b) 250 points × 4 replicates (50 × 5): the spread over points.
 * For each: the sweep's wall time, `panmine report`'s wall time (whole process) and the page's size; then the page
 * is opened REPEATS times in headless Debian Chromium (one browser, a fresh tab each time), and the time from
 * navigation to the first frame painted after the load event is measured inside the page (performance.now() in a
 * requestAnimationFrame callback after load; time origin = navigation start). The first open of a fresh browser is
 * reported apart. Switching the metric of a small-multiples selector is timed the same way.
 *
 * Sweeps are kept in bench/out/report/ and reused when their manifest is complete (PANMINE_BENCH_FRESH=1 reruns).
 * Results are printed and written to bench/out/report.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

/** In the page (the callbacks below run in Chromium); this project's type-check has no DOM library. */
declare const requestAnimationFrame: (callback: () => void) => number;

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'bench/out');
const BIN = join(ROOT, 'bin/panmine.js');
const REPEATS = Number(process.env.PANMINE_BENCH_REPEATS ?? 5);
const FRESH = process.env.PANMINE_BENCH_FRESH === '1';
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
mkdirSync(join(OUT, 'report'), { recursive: true });

const lines: string[] = [];
const say = (s = ''): void => {
  console.log(s);
  lines.push(s);
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function panmine(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`panmine ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return performance.now() - t0;
}

const grid = (from: number, step: number, n: number): string => Array.from({ length: n }, (_, i) => Number((from + i * step).toFixed(6))).join(',');

interface Shape {
  readonly name: string;
  readonly label: string;
  readonly args: string[];
}

const SHAPES: Shape[] = [
  {
    name: '50x20',
    label: '50 points × 20 replicates',
    args: ['--replicates', '20', '--set', `livepeer_targetBondingRate=${grid(0.3, 0.05, 10)}`, '--set', 'livepeer_inflationChange=250,500,1000,2500,5000'],
  },
  {
    name: '250x4',
    label: '250 points × 4 replicates',
    args: ['--replicates', '4', '--set', `livepeer_targetBondingRate=${grid(0.2, 0.012, 50)}`, '--set', 'livepeer_inflationChange=250,500,1000,2500,5000'],
  },
];

/** Milliseconds from navigation start to the first frame painted after the load event, measured by the page. */
async function openTime(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  return page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))));
}

async function switchTime(page: Page): Promise<number | undefined> {
  const select = page.locator('select[data-figure]').first();
  if ((await select.count()) === 0) return undefined;
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
  const times: number[] = [];
  for (const value of values.slice(1, 6)) {
    const t = await select.evaluate(
      (el, v) =>
        new Promise<number>((resolve) => {
          const s = el as unknown as { value: string; dispatchEvent(e: unknown): void };
          const t0 = performance.now();
          s.value = v;
          s.dispatchEvent(new Event('change'));
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        }),
      value,
    );
    times.push(t);
  }
  return median(times);
}

say('# panmine report bench');
say();
say(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · node ${process.version} · Debian Chromium, headless · ${REPEATS} opens`);
say();
say('| sweep | sweep wall | panmine report wall | report.html | first open, fresh browser | open: best | open: median | switch metric (median) |');
say('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const shape of SHAPES) {
  const dir = join(OUT, 'report', shape.name);
  const manifest = join(dir, 'manifest.json');
  let sweepMs = Number.NaN;
  const done = existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).status === 'complete';
  if (FRESH || !done) {
    rmSync(dir, { recursive: true, force: true });
    sweepMs = panmine(['run', 'experiments/livepeer-inflation.ts', '--set', 'world_horizonDays=90', ...shape.args, '--out', dir, '--quiet']);
  }
  const runs = JSON.parse(readFileSync(manifest, 'utf8')).runs_total;
  if (runs !== 1000) throw new Error(`${dir}: ${runs} runs, expected 1000`);
  const reportMs = panmine(['report', dir]);
  const file = join(dir, 'report.html');
  const mib = statSync(file).size / 2 ** 20;
  const url = pathToFileURL(file).href;

  const cold = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'panmine-bench-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
  const first = await openTime(await cold.newPage(), url);
  const opens: number[] = [];
  let switching: number | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const page = await cold.newPage();
    opens.push(await openTime(page, url));
    if (i === 0) switching = await switchTime(page);
    await page.close();
  }
  await cold.close();
  say(
    `| ${shape.label} | ${Number.isNaN(sweepMs) ? '(reused)' : seconds(sweepMs)} | ${seconds(reportMs)} | ${mib.toFixed(1)} MiB | ${seconds(first)} | ${seconds(Math.min(...opens))} | ${seconds(median(opens))} | ${switching === undefined ? '–' : `${switching.toFixed(0)} ms`} |`,
  );
}
say();
say('Open time: navigation start to the first frame painted after the load event, in a running browser (a new tab each time).');
writeFileSync(join(OUT, 'report.md'), `${lines.join('\n')}\n`);
