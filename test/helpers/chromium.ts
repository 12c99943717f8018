import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Starts headless Chromium with a fresh profile. Fails with the reason when Chromium is not installed: a
 * browser test that cannot run must not pass.
 */
export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install --no-install-recommends chromium; .ci/run installs it)`);
  const profile = mkdtempSync(join(tmpdir(), 'panmine-chromium-'));
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1200, height: 900 } });
}

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Every request the page made other than for the file itself. */
  readonly requests: string[];
  /** Milliseconds from navigation to the load event. */
  readonly loadMs: number;
}

/** Opens a local HTML file and records console errors, page errors and requests. */
export async function openFile(context: BrowserContext, path: string): Promise<OpenedPage> {
  const page = await context.newPage();
  const url = pathToFileURL(path).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests, loadMs: Date.now() - t0 };
}

/**
 * Checks every chart on the page: an <svg> (or <canvas>) with data marks in it and a visible size. Figures kept
 * behind a metric selector are shown one by one through the selector. Returns one line per chart that is not
 * drawn (empty when all are), and how many charts were checked.
 */
export async function undrawnCharts(page: Page): Promise<{ problems: string[]; checked: number }> {
  const check = () =>
    page.$$eval('figure.chart', (figures) =>
      figures.map((f, i) => {
        const svg = f.querySelector('svg, canvas');
        const box = svg?.getBoundingClientRect();
        const marks = f.querySelectorAll('svg g.role-mark > *').length;
        const where = f.closest('[id]')?.id ?? '?';
        const ok = !!svg && !!box && box.width > 0 && box.height > 0 && (svg.tagName.toLowerCase() === 'canvas' || marks > 0);
        return ok ? '' : `chart ${i} in #${where}: ${svg ? `${marks} marks, ${box?.width}×${box?.height}` : 'no svg'}`;
      }),
    );
  const problems = (await check()).filter(Boolean);
  let checked = await page.locator('figure.chart').count();
  for (const select of await page.locator('select[data-figure]').all()) {
    const figure = await select.getAttribute('data-figure');
    for (const value of await select.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))) {
      await select.selectOption(value);
      const shown = await page.locator(`#${figure} h4`).first().textContent();
      if (!shown?.startsWith(value)) problems.push(`selector ${figure}: chose ${value}, shows ${shown}`);
      problems.push(...(await check()).filter(Boolean).map((p) => `${p} (selector ${figure} = ${value})`));
      checked++;
    }
  }
  return { problems, checked };
}
