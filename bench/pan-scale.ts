/**
 * `npm run bench:pan`: the flagship at realistic scale (README, "The pan-mining question"). One run of
 * experiments/pan-mining.ts with over 10^5 agents across the networks and the investors, one simulated year, as a
 * whole `panmine` process on 1 and on 2 threads per run: wall time, peak resident memory (GNU time's maximum RSS;
 * empty without /usr/bin/time), the speed-up, and whether the two runs wrote the same bytes.
 * `PANMINE_BENCH_PAN_DAYS` shortens the horizon (default 365). Printed and written to bench/out/pan-scale.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pan from '../experiments/pan-mining.ts';
import type { Scalar } from '../src/core/params.ts';
import { panmineProcess, ROOT, sameBytes } from './process-run.ts';

const OUT = join(ROOT, 'bench/out');
const DAYS = Number(process.env.PANMINE_BENCH_PAN_DAYS ?? 365);
mkdirSync(OUT, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'panmine-bench-pan-'));

/** The realistic size: every population an order of magnitude or two above the CI cut. */
export const SCALE: Readonly<Record<string, Scalar>> = {
  world_shards: 8,
  world_horizonDays: DAYS,
  world_panMinerShare: 0.5,
  world_frictionScale: 1,
  world_investors: 20_000,
  livepeer_delegators: 20_000,
  livepeer_broadcasters: 2_000,
  orchid_users: 40_000,
  maker_vaults: 10_000,
  filecoin_clients: 10_000,
  filecoin_providers: 2_000,
};

const lines: string[] = [];
const say = (s = ''): void => {
  console.log(s);
  lines.push(s);
};

// The agents the run holds, from the experiment's own population accounting (what `panmine describe` shows).
const point: Record<string, Scalar> = {};
for (const [k, spec] of Object.entries(pan.params)) {
  const v = spec.value as Scalar | { values: readonly Scalar[] };
  point[k] = typeof v === 'object' && v !== null && 'values' in v ? v.values[0]! : (v as Scalar);
}
Object.assign(point, SCALE);
const pops = pan.populations?.(point) ?? [];
// Filecoin's sector cohorts are state, not agents: counted apart.
const agents = pops.filter((p) => !p.name.includes('cohorts')).reduce((a, p) => a + p.count, 0);

say('# panmine pan-mining at realistic scale');
say();
say(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · node ${process.version}`);
say();
say(
  `experiments/pan-mining.ts, ${DAYS} days, 1 replicate, ${Object.entries(SCALE)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`,
);
say();
say(`${agents.toLocaleString('en-US')} agents: ${pops.map((p) => `${p.name} ${p.count.toLocaleString('en-US')}`).join(', ')}`);
say();
say('| threads per run | wall s | peak memory | speed-up | CSVs, 1 vs 2 threads |');
say('|---:|---:|---:|---:|---|');
let one = 0;
for (const t of [1, 2]) {
  const dir = join(tmp, `pan-${t}`);
  const sets = Object.entries(SCALE).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
  const r = panmineProcess([
    'run',
    'experiments/pan-mining.ts',
    ...sets,
    '--replicates',
    '1',
    '--threads-per-run',
    String(t),
    '--quiet',
    '--force',
    '--out',
    dir,
  ]);
  if (t === 1) one = r.wallS;
  const same = t === 1 ? '' : sameBytes(join(tmp, 'pan-1'), dir) ? 'byte-identical' : 'DIFFERENT';
  say(`| ${t} | ${r.wallS.toFixed(1)} | ${r.peakMiB === null ? '' : `${r.peakMiB.toFixed(0)} MiB`} | ${(one / r.wallS).toFixed(2)} | ${same} |`);
}
say();
writeFileSync(join(OUT, 'pan-scale.md'), `${lines.join('\n')}\n`);
rmSync(tmp, { recursive: true, force: true });
