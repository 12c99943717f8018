/**
 * The README's tables for "The pan-mining question", from a pan-mining sweep's summary.csv:
 * `npx tsx scripts/pan-mining-tables.ts results/pan-mining [axis …]`. One markdown table per metric group, a row per
 * point (the swept axes named on the command line, default world_panMinerShare and world_frictionScale), each cell
 * the mean over replicates with its 95 % interval (Student t, as summary.csv has it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx scripts/pan-mining-tables.ts DIR [axis …]');
  process.exit(2);
}
const axes = process.argv.length > 3 ? process.argv.slice(3) : ['world_panMinerShare', 'world_frictionScale'];
type Row = Record<string, string>;
const rows = parse(readFileSync(join(dir, 'summary.csv'), 'utf8'), { columns: true }) as Row[];
const key = (r: Row) => axes.map((a) => r[a]).join('|');
const points = [...new Map(rows.map((r) => [key(r), r])).values()].sort((a, b) => {
  for (const x of axes) if (a[x] !== b[x]) return Number(a[x]) - Number(b[x]);
  return 0;
});

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Two-sided 95 % Student t quantiles by degrees of freedom (larger samples: the normal's 1.96 is close enough). */
const T95: Record<number, number> = {
  1: 12.706,
  2: 4.303,
  3: 3.182,
  4: 2.776,
  5: 2.571,
  6: 2.447,
  7: 2.365,
  8: 2.306,
  9: 2.262,
  10: 2.228,
  11: 2.201,
  12: 2.179,
  13: 2.16,
  14: 2.145,
  15: 2.131,
  16: 2.12,
  17: 2.11,
  18: 2.101,
  19: 2.093,
  20: 2.086,
  25: 2.06,
  30: 2.042,
};
const t95 = (df: number) =>
  T95[df] ??
  T95[
    Object.keys(T95)
      .map(Number)
      .filter((k) => k <= df)
      .pop() ?? 1
  ] ??
  1.96;
const usdM = (x: number) => `$${(x / 1e6).toFixed(2)} M`;
const plain = (d: number) => (x: number) => x.toFixed(d);

function cell(point: Row, metric: string, f: (x: number) => string): string {
  const r = rows.find((x) => key(x) === key(point) && x.metric === metric);
  if (!r || r.mean === '' || r.n === '0') return '–';
  return r.ci95_low === '' ? f(Number(r.mean)) : `${f(Number(r.mean))} [${f(Number(r.ci95_low))}, ${f(Number(r.ci95_high))}]`;
}

function table(title: string, cols: [string, string, (x: number) => string][]): void {
  console.log(`\n**${title}**\n`);
  console.log(`| ${[...axes.map((a) => a.replace(/^world_/, '')), ...cols.map((c) => c[0])].join(' | ')} |`);
  console.log(`| ${[...axes.map(() => '---:'), ...cols.map(() => '---:')].join(' | ')} |`);
  for (const p of points) console.log(`| ${[...axes.map((a) => p[a]), ...cols.map(([, m, f]) => cell(p, m, f))].join(' | ')} |`);
}

const n = rows.find((r) => r.metric === 'world_investors_capital_usd')?.n ?? '?';
console.log(`${dir}: ${points.length} points × ${n} replicates; mean over replicates [95 % CI]`);
table('Returns, a year, in USD (median investor of each kind; mean in brackets below)', [
  ['pan-miners', 'world_investors_pan_miner_return_median', pct],
  ['network-bound', 'world_investors_bound_return_median', pct],
  ['passive', 'world_investors_passive_return_median', pct],
  ['pan-miners, sd across them', 'world_investors_pan_miner_return_sd', pct],
]);
table('Returns, a year: means (a few keeper windfalls move them)', [
  ['pan-miners', 'world_investors_pan_miner_return_annual', pct],
  ['network-bound', 'world_investors_bound_return_annual', pct],
  ['passive', 'world_investors_passive_return_annual', pct],
  ['ruined', 'world_investors_ruined', plain(2)],
]);
table('Frictions and moves', [
  ['lost to frictions', 'world_investors_friction_paid_usd', usdM],
  ['role switches', 'world_investors_role_switches', plain(0)],
  ['cash (no role)', 'world_investors_cash_usd', usdM],
]);
const nets = [...new Set(rows.map((r) => /^world_investors_capital_by_network_(.+)$/.exec(r.metric!)?.[1]).filter((x): x is string => !!x))];
table(
  'Where the capital is at the end',
  nets.map((net) => [net, `world_investors_capital_by_network_${net}`, usdM] as [string, string, (x: number) => string]),
);
table('The supply side and its demand', [
  ['lowest Nakamoto', 'world_supply_nakamoto_min', plain(2)],
  ['mean HHI', 'world_supply_hhi_mean', plain(3)],
  ...nets.map((net) => [`${net} Nakamoto`, `${net}_nakamoto_coefficient`, plain(2)] as [string, string, (x: number) => string]),
  ...nets.map((net) => [`${net} demand served`, `world_demand_served_fraction_${net}`, pct] as [string, string, (x: number) => string]),
]);

// Paired within runs: each run's kinds share its prices, demand and seed, so their difference drops the price lottery.
/** A CSV cell as a number: empty (NaN written as nothing) is NaN, not 0. */
const num = (x: string | undefined) => (x === undefined || x === '' ? Number.NaN : Number(x));
const runs = parse(readFileSync(join(dir, 'runs.csv'), 'utf8'), { columns: true }) as Row[];
function paired(point: Row, a: string, b: string): string {
  const xs = runs
    .filter((r) => key(r) === key(point))
    .map((r) => num(r[`world_investors_${a}_return_median`]) - num(r[`world_investors_${b}_return_median`]))
    .filter((x) => Number.isFinite(x));
  if (xs.length < 2) return '–';
  const m = xs.reduce((u, x) => u + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((u, x) => u + (x - m) ** 2, 0) / (xs.length - 1));
  const h = (t95(xs.length - 1) * sd) / Math.sqrt(xs.length);
  return `${pct(m)} [${pct(m - h)}, ${pct(m + h)}]`;
}
console.log('\n**Median returns, paired within runs (same prices, demand and seed): the difference, points of return a year**\n');
console.log(`| ${[...axes.map((a) => a.replace(/^world_/, '')), 'pan-miners − bound', 'pan-miners − passive', 'bound − passive'].join(' | ')} |`);
console.log(`| ${[...axes.map(() => '---:'), '---:', '---:', '---:'].join(' | ')} |`);
for (const p of points)
  console.log(
    `| ${[...axes.map((a) => p[a]), paired(p, 'pan_miner', 'bound'), paired(p, 'pan_miner', 'passive'), paired(p, 'bound', 'passive')].join(' | ')} |`,
  );
