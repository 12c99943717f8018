import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { svgToPng } from '../../src/output/png.ts';
import { cli, tempDir } from '../cli/cli-helpers.ts';

const RSVG = '/usr/bin/rsvg-convert';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let dir: string;

beforeAll(async () => {
  dir = join(tempDir('plot'), 'out');
  // The flagship, small: 3 × 2 points, 2 replicates, 10 days.
  const r = await cli(['run', 'experiments/livepeer-inflation.ts', '--replicates', '2', '--set', 'world_horizonDays=10', '--out', dir, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
});

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Buffer): [number, number] {
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** Items drawn by vega's data marks of one kind (line, area, symbol, rule), over all its mark groups. */
function marksIn(svg: string, kind: string): number {
  let n = 0;
  for (const m of svg.matchAll(new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>((?:<(?:path|line)[^>]*/>)+)</g>`, 'g')))
    n += m[1]!.match(/<(path|line)/g)!.length;
  return n;
}

function svgSize(svg: string): [number, number] {
  const m = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('the SVG has no width and height');
  return [Number(m[1]), Number(m[2])];
}

describe('panmine plot', () => {
  it('writes a metric over time as a valid SVG, by default under DIR/plots/', async () => {
    const r = await cli(['plot', dir, '--metric', 'livepeer_inflation']);
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, 'plots', 'livepeer_inflation.svg');
    expect(r.stdout.trim()).toBe(file);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // One line and one band per point (6 points), drawn by vega.
    expect(marksIn(svg, 'line')).toBe(6);
    expect(marksIn(svg, 'area')).toBe(6);
    expect(svg).toContain('livepeer-inflation: livepeer_inflation over time');
    // An independent SVG parser (librsvg) reads it.
    if (!existsSync(RSVG)) throw new Error(`${RSVG} is missing: install Debian's librsvg2-bin (.ci/run does)`);
    const check = spawnSync(RSVG, ['--format', 'png', file], { maxBuffer: 1 << 26 });
    expect(check.status, check.stderr.toString()).toBe(0);
    expect(check.stdout.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('writes a PNG through a real rasteriser: PNG signature, twice the SVG size, text drawn', async () => {
    const png = join(dir, 'livepeer_inflation.png');
    const r = await cli(['plot', dir, '--metric', 'livepeer_inflation', '--out', png]);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect((await cli(['plot', dir, '--metric', 'livepeer_inflation', '--out', join(dir, 'same.svg')])).code).toBe(0);
    const svg = readFileSync(join(dir, 'same.svg'), 'utf8');
    const [w, h] = svgSize(svg);
    expect(pngSize(bytes)).toEqual([Math.round(2 * w), Math.round(2 * h)]);
    expect(bytes.length).toBeGreaterThan(20_000);
    // Without a font, resvg drops text silently: the same chart with its text removed must give other pixels.
    const textless = svg.replace(/<text[^>]*>[^<]*<\/text>/g, '');
    expect(textless).not.toBe(svg);
    expect(svgToPng(textless).equals(svgToPng(svg))).toBe(false);
  });

  it('draws an end-of-run metric against a swept parameter with a point and an error bar per point', async () => {
    const out = join(dir, 'by.svg');
    const r = await cli(['plot', dir, '--metric', 'livepeer_supply_inflation_annual', '--by', 'livepeer_targetBondingRate', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(marksIn(svg, 'symbol')).toBe(6); // 3 values of livepeer_targetBondingRate × 2 of livepeer_inflationChange
    expect(marksIn(svg, 'rule')).toBe(6); // one 95 % interval each (2 replicates)
    expect(svg).toContain('livepeer_inflationChange=500');
  });

  it.each([
    [['--metric', 'inflaton'], '--metric: "inflaton" is not allowed; no such metric in'],
    [
      ['--metric', 'livepeer_inflation', '--by', 'livepeer_delegators'],
      '--by: "livepeer_delegators" is not allowed; it has one value in this folder; allowed: a swept parameter (livepeer_targetBondingRate, livepeer_inflationChange)',
    ],
    [['--metric', 'livepeer_inflation', '--by', 'livepeer_targetBondingRat'], '(did you mean "livepeer_targetBondingRate"?)'],
    [['--metric', 'livepeer_inflation', '--out', 'x.jpg'], '--out: "x.jpg" is not allowed; allowed: a file name ending in .svg or .png'],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const r = await cli(['plot', dir, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
