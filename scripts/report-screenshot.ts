/**
 * `npm run docs:screenshot`: the README's picture of a report. Runs the flagship (livepeer-inflation, its default
 * grid and year, 8 replicates) into bench/out/screenshot/, writes its report, and photographs the top of the page
 * in headless Debian Chromium: docs/report-livepeer-inflation.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = new URL('..', import.meta.url).pathname;
const folder = 'bench/out/screenshot';
const dir = join(ROOT, folder);
const png = join(ROOT, 'docs/report-livepeer-inflation.png');

function panmine(args: string[]): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/panmine.js'), ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`panmine ${args.join(' ')} exited ${r.status}`);
}

rmSync(dir, { recursive: true, force: true });
panmine(['run', 'experiments/livepeer-inflation.ts', '--replicates', '8', '--out', folder, '--quiet']);
panmine(['report', folder]);
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'panmine-screenshot-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  viewport: { width: 1140, height: 1500 },
});
const page = await browser.newPage();
await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
// The header, the parameter space and the first charts.
await page.screenshot({ path: png, clip: { x: 0, y: 0, width: 1140, height: 1500 } });
await browser.close();
console.log(png);
