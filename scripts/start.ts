/**
 * `npm start`: the flagship at a size that finishes in under a minute on 2 cores. Runs experiments/pan-mining.ts
 * (Livepeer, Orchid, Maker and Filecoin on one clock; investors who are pan-miners, network-bound or passive) for
 * half a year at three shares of pan-miners, then prints the headline answers from summary.csv with their 95 % intervals
 * (Student t over the replicates, as panmine writes them). The folder it writes is a normal panmine output:
 * `npx panmine report results/pan-mining-start` draws it. Extra arguments go to `panmine run` (`npm start --
 * --replicates 20`); PANMINE_START_OUT moves the folder.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = process.env.PANMINE_START_OUT ?? join(ROOT, 'results/pan-mining-start');
const extra = process.argv.slice(2);
// The cut's own settings, less any the caller sets (panmine refuses a parameter given twice).
const callerSets = new Set(extra.flatMap((a, i) => (extra[i - 1] === '--set' ? [a.split('=')[0]] : [])));
const cut = [
  'world_panMinerShare=0,0.5,1',
  'world_frictionScale=1',
  'world_horizonDays=180',
  'orchid_users=1000',
  'livepeer_delegators=500',
  'filecoin_clients=200',
].filter((s) => !callerSets.has(s.split('=')[0]));
const args = [
  join(ROOT, 'bin/panmine.js'),
  'run',
  'experiments/pan-mining.ts',
  ...cut.flatMap((s) => ['--set', s]),
  ...(extra.includes('--replicates') ? [] : ['--replicates', '4']),
  '--out',
  OUT,
  '--force',
  ...extra,
];
const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
if (run.status !== 0) process.exit(run.status ?? 1);

type Row = Record<string, string>;
const rows = parse(readFileSync(join(OUT, 'summary.csv'), 'utf8'), { columns: true }) as Row[];
const shares = [...new Set(rows.map((r) => r.world_panMinerShare!))].sort((a, b) => Number(a) - Number(b));
const at = (share: string, metric: string) => rows.find((r) => r.world_panMinerShare === share && r.metric === metric);

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const usd = (x: number) => (Math.abs(x) >= 1e6 ? `$${(x / 1e6).toFixed(2)} M` : `$${(x / 1e3).toFixed(0)} k`);
const num = (x: number) => x.toFixed(2);
function cell(share: string, metric: string, f: (x: number) => string): string {
  const r = at(share, metric);
  if (!r || r.mean === '' || r.n === '0') return '–';
  const lo = r.ci95_low === '' ? '' : ` [${f(Number(r.ci95_low))}, ${f(Number(r.ci95_high))}]`;
  return `${f(Number(r.mean))}${lo}`;
}

const lines: [string, string, (x: number) => string][] = [
  ['pan-miners: median return a year', 'world_investors_pan_miner_return_median', pct],
  ['network-bound: median return a year', 'world_investors_bound_return_median', pct],
  ['passive: median return a year', 'world_investors_passive_return_median', pct],
  ['pan-miners: mean return (keeper windfalls move it)', 'world_investors_pan_miner_return_annual', pct],
  ['investors ruined (costs over capital)', 'world_investors_ruined', num],
  ['lost to frictions', 'world_investors_friction_paid_usd', usd],
  ['role switches', 'world_investors_role_switches', num],
  ['investors’ capital in Livepeer', 'world_investors_capital_by_network_livepeer', usd],
  ['investors’ capital in Orchid', 'world_investors_capital_by_network_orchid', usd],
  ['investors’ capital in Maker', 'world_investors_capital_by_network_maker', usd],
  ['investors’ capital in Filecoin', 'world_investors_capital_by_network_filecoin', usd],
  ['lowest Nakamoto coefficient of any network', 'world_supply_nakamoto_min', num],
  ['mean HHI of the supply sides', 'world_supply_hhi_mean', (x) => x.toFixed(3)],
  ['Livepeer: Nakamoto coefficient of stake', 'livepeer_nakamoto_coefficient', num],
  ['Orchid: demand served', 'world_demand_served_fraction_orchid', pct],
  ['Livepeer: demand served', 'world_demand_served_fraction_livepeer', pct],
  ['Filecoin: demand served', 'world_demand_served_fraction_filecoin', pct],
  ['Maker: liquidated debt covered', 'world_demand_served_fraction_maker', pct],
  ['Filecoin: Nakamoto coefficient of power', 'filecoin_nakamoto_coefficient', num],
];
const header = [`after ${rows[0]?.world_horizonDays} days (mean [95 % CI] over ${rows[0]?.n} replicates)`, ...shares.map((s) => `pan-miner share ${s}`)];
const table = [header, ...lines.map(([label, metric, f]) => [label, ...shares.map((s) => cell(s, metric, f))])];
const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
const out = table.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join('  '));
console.log(`\nThe pan-mining question — ${OUT}\n`);
console.log(out[0]);
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const l of out.slice(1)) console.log(l);
// The kinds share each run's prices, demand and seed: their paired difference drops the price lottery.
const runRows = parse(readFileSync(join(OUT, 'runs.csv'), 'utf8'), { columns: true }) as Row[];
const T95 = [Number.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];
function pairedLine(a: string, b: string): string {
  const parts = shares.map((share) => {
    const xs = runRows
      .filter((r) => r.world_panMinerShare === share)
      .map((r) => Number(r[`world_investors_${a}_return_median`] || Number.NaN) - Number(r[`world_investors_${b}_return_median`] || Number.NaN))
      .filter((x) => Number.isFinite(x));
    if (xs.length < 2) return '–';
    const m = xs.reduce((u, x) => u + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((u, x) => u + (x - m) ** 2, 0) / (xs.length - 1));
    const h = ((T95[xs.length - 1] ?? 1.96) * sd) / Math.sqrt(xs.length);
    return `${pct(m)} [${pct(m - h)}, ${pct(m + h)}]`;
  });
  return parts.join('  ');
}
console.log(`\nPaired within runs (median return, pan-miners − network-bound): ${pairedLine('pan_miner', 'bound')}`);
console.log(`Paired within runs (median return, pan-miners − passive):       ${pairedLine('pan_miner', 'passive')}`);
console.log(`\nAll of it: npx panmine report ${OUT}  ·  the full sweep and what it says: README.md, “The pan-mining question”.`);
