import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/output/manifest.ts';
import type { PointSeries } from '../../src/output/report/aggregate.ts';
import { buildReport } from '../../src/output/report/build-report.ts';
import { type ReportData, readReportData, type SummaryRow } from '../../src/output/report/read-report-data.ts';
import { cli, FAILS_SOME, manifestOf, parseCsvRecords, REPO, tempDir } from '../cli/cli-helpers.ts';
import { GOLDEN_CASES } from '../golden/cases.ts';
import { launchChromium, openFile, undrawnCharts } from '../helpers/chromium.ts';

/**
 * The report in a real browser: every shipped experiment at its golden (small) size, a fixture with a public
 * record and one with failed runs, each opened in Debian's headless Chromium.
 */
const shipped = readdirSync(join(REPO, 'experiments'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

const root = tempDir('report');
const folder = (name: string) => join(root, name);
let browser: BrowserContext;

async function runInto(name: string, args: readonly string[], expectCode = 0): Promise<void> {
  const r = await cli(['run', ...args, '--workers', '2', '--quiet', '--out', folder(name)]);
  expect(r.code, r.stderr).toBe(expectCode);
}

beforeAll(async () => {
  browser = await launchChromium();
  const runs: [string, readonly string[], number][] = [
    ...GOLDEN_CASES.map((c) => [c.name, c.args, 0] as [string, readonly string[], number]),
    ['with-record', ['test/fixtures/with-record.ts', '--report'], 0],
    ['fails-some', [FAILS_SOME, '--report'], 1],
  ];
  // Two at a time: this machine has two cores.
  for (let i = 0; i < runs.length; i += 2) await Promise.all(runs.slice(i, i + 2).map(([n, a, code]) => runInto(n, a, code)));
  await Promise.all(
    GOLDEN_CASES.map(async (c) => {
      const r = await cli(['report', folder(c.name)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(join(folder(c.name), 'report.html'));
    }),
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('panmine report in headless Chromium', () => {
  it('has a case for every shipped experiment', () => {
    expect(GOLDEN_CASES.map((c) => c.name).sort()).toEqual([...shipped].sort());
  });

  it.each(GOLDEN_CASES.map((c) => c.name))('renders the report of %s: every chart drawn, no console error, no request', async (name) => {
    const { page, errors, requests } = await openFile(browser, join(folder(name), 'report.html'));
    const { problems, checked } = await undrawnCharts(page);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    // The parameter space, and every summary row in the table (few enough to show all metrics at once).
    const summaryRows = parseCsvRecords(readFileSync(join(folder(name), 'summary.csv'), 'utf8')).length;
    expect(await page.locator('#summary-table tbody tr').count()).toBe(summaryRows);
    expect(await page.locator('#space').textContent()).toContain('Parameter space');
    await page.close();
  });

  it('sorts the summary table by the column clicked, and filters it by metric', async () => {
    const { page } = await openFile(browser, join(folder('livepeer-inflation'), 'report.html'));
    const meanCol = (await page.locator('#summary-table th').allTextContents()).indexOf('mean');
    const means = async () => (await page.locator(`#summary-table tbody tr td:nth-child(${meanCol + 1})`).allTextContents()).filter(Boolean).map(Number);
    await page.locator('#summary-table th', { hasText: /^mean$/ }).click();
    const up = await means();
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await page.locator('#summary-table th', { hasText: /^mean$/ }).click();
    const down = await means();
    expect(down).toEqual([...up].reverse());
    await page.selectOption('#summary-metric', 'livepeer_inflation');
    const metrics = await page
      .locator('#summary-table tbody tr td:nth-child(' + ((await page.locator('#summary-table th').allTextContents()).indexOf('metric') + 1) + ')')
      .allTextContents();
    expect(new Set(metrics)).toEqual(new Set(['livepeer_inflation']));
    await page.close();
  });

  it('overlays the public record on its metric, states the gap, and lists each observation (run --report)', async () => {
    const file = join(folder('with-record'), 'report.html');
    expect(existsSync(file)).toBe(true);
    const { page, errors, requests } = await openFile(browser, file);
    expect((await undrawnCharts(page)).problems).toEqual([]);
    expect([errors, requests]).toEqual([[], []]);
    // volume has 4 observations in the record: 4 diamonds on its chart.
    const volume = page.locator('.metric', { has: page.locator('h4', { hasText: /^volume/ }) });
    expect(await volume.locator('figure.chart svg g.mark-symbol.role-mark > *').count()).toBe(4);
    const gap = await volume.locator('p.gap').textContent();
    expect(gap).toMatch(/\|model − record\| averages [\d.]+ \([\d.]+ % of the record\) over 3 observations/);
    expect(gap).toContain('1 after the simulated period, not compared');
    expect(await page.locator('#record table').last().locator('tbody tr').count()).toBe(5);
    expect(await page.locator('#record').textContent()).toContain('t = 0 is 2024-01-01');
    await page.close();
  });

  it('lists failed runs with their errors (a sweep that exits 1 still gets its report)', async () => {
    const { page, errors } = await openFile(browser, join(folder('fails-some'), 'report.html'));
    expect(errors).toEqual([]);
    const failed = manifestOf(folder('fails-some')).runs.filter((r) => r.status !== 'ok');
    expect(failed.length).toBeGreaterThan(0);
    const rows = page.locator('#failures tbody tr');
    expect(await rows.count()).toBe(failed.length);
    expect(await rows.first().textContent()).toContain('boom: mode=boom');
    expect((await undrawnCharts(page)).problems).toEqual([]);
    await page.close();
  });
});

/**
 * A made-up folder of 120 points (12 × 10) and a world of two networks, built in memory: more points than small
 * multiples take (the spread over points is drawn), and a section per network.
 */
function worldOf120Points(): ReportData {
  const metrics = ['livepeer_inflation', 'filecoin_power', 'world_price', 'elapsed'];
  const points = Array.from({ length: 120 }, (_, id) => ({ id, values: { a: Math.floor(id / 10) / 10, b: id % 10 } }));
  const t = Array.from({ length: 30 }, (_, i) => i);
  const series: PointSeries[] = points.map((p) => ({
    pointId: p.id,
    t,
    metrics: metrics.map((_, j) => {
      const mean = t.map((x) => j + p.values.a * x + p.values.b);
      return { n: t.map(() => 3), mean, lo: mean.map((m) => m - 0.5), hi: mean.map((m) => m + 0.5) };
    }),
  }));
  const summary: SummaryRow[] = points.flatMap((p) =>
    metrics.map((metric, j) => {
      const mean = j + p.values.a * 29 + p.values.b;
      return { pointId: p.id, metric, n: 3, mean, sd: 1, lo: mean - 2.5, hi: mean + 2.5, min: mean - 1, median: mean, max: mean + 1 };
    }),
  );
  const spec = (doc: string) => ({ type: 'real', value: { kind: 'grid', values: [] }, doc });
  const manifest = {
    format: 'panmine-manifest/1',
    status: 'complete',
    sweep: {
      experiment: 'made-up-world',
      experiment_sha256: '0'.repeat(64),
      panmine_version: '0.0.0',
      seed: 1,
      replicates: 3,
      metrics,
      space: { names: ['a', 'b'], specs: { a: spec('a'), b: spec('b') }, points },
    },
    shard: null,
    experiment_file: 'made-up.ts',
    description: 'A made-up world of two networks',
    git_commit: null,
    command: ['panmine', 'run', 'made-up.ts'],
    started_at: '2026-01-01T00:00:00Z',
    networks: ['livepeer', 'filecoin'],
    runs_total: 360,
    runs_failed: 0,
  } as unknown as Manifest;
  return { folder: 'made-up', manifest, series, summary };
}

describe('panmine report', () => {
  it('draws many points as their spread over time, and gives each network of a world its own section', async () => {
    const file = join(tempDir('report-world'), 'report.html');
    writeFileSync(file, await buildReport(worldOf120Points()));
    const { page, errors, requests } = await openFile(browser, file);
    const { problems, checked } = await undrawnCharts(page);
    expect(problems).toEqual([]);
    expect(checked).toBe(4 + 4 * 2); // 4 metrics over time, 4 metrics against each of a and b
    expect([errors, requests]).toEqual([[], []]);
    const sections = await page.locator('#time h3').allTextContents();
    expect(sections).toEqual(['livepeer', 'filecoin', 'world', 'other']);
    expect(await page.locator('#network-filecoin + .metric h4').textContent()).toBe('filecoin_power');
    expect(await page.locator('#time figcaption').first().textContent()).toContain('the band spans the 10th to the 90th percentile of those means');
    expect(await page.locator('#response').textContent()).toContain('b also vary among the points at the same a');
    // 120 points × 4 metrics = 480 summary rows: all shown at first.
    expect(await page.locator('#summary-table tbody tr').count()).toBe(480);
    await page.close();
  });

  it('gives the same bytes for the same folder', async () => {
    const data = await readReportData(folder('with-record'));
    expect(await buildReport(data)).toBe(await buildReport(data));
  });

  it('keeps what it shows inside the page: no script, style, font or image is fetched', () => {
    const html = readFileSync(join(folder('livepeer-market'), 'report.html'), 'utf8');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });

  it('refuses a folder whose sweep has not finished', async () => {
    const dir = resolve(tempDir('report-running'));
    const m = manifestOf(folder('boltzmann-wealth'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, status: 'running' }));
    const r = await cli(['report', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the sweep has not finished (manifest status "running")');
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});
