import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/output/report/build-report.ts';
import { readReportData } from '../../src/output/report/read-report-data.ts';
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
    await page.selectOption('#summary-metric', 'inflation');
    const metrics = await page
      .locator('#summary-table tbody tr td:nth-child(' + ((await page.locator('#summary-table th').allTextContents()).indexOf('metric') + 1) + ')')
      .allTextContents();
    expect(new Set(metrics)).toEqual(new Set(['inflation']));
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

describe('panmine report', () => {
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
