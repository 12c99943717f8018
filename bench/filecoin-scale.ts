/**
 * `npm run bench:filecoin`: the full-size Filecoin run of src/networks/filecoin/README.md ("Speed").
 *
 * The backtest at its default, realistic size — 4000 storage providers (and 400 candidate slots) holding the
 * network of 2022-10-10 (16.6 EiB raw, about 557 million 32 GiB sectors in aggregate), 10 000 clients in 8 shards,
 * 1200 days at one epoch's rewards resolution — as one whole `panmine` process with one replicate, on 1 and on 2
 * threads per run. Reports wall time and peak resident memory (GNU time's maximum RSS; empty without
 * /usr/bin/time) and checks that the two runs wrote the same bytes. `PANMINE_BENCH_FILECOIN_DAYS` shortens the
 * horizon (default 1200). Results are printed and written to bench/out/filecoin-scale.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { panmineProcess, ROOT, sameBytes } from './process-run.ts';

const OUT = join(ROOT, 'bench/out');
const DAYS = Number(process.env.PANMINE_BENCH_FILECOIN_DAYS ?? 1200);
mkdirSync(OUT, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'panmine-bench-filecoin-'));

const lines: string[] = [];
const say = (s = ''): void => {
  console.log(s);
  lines.push(s);
};

/** Sectors of 32 GiB in the network's raw power at t = 0 (1 EiB = 2^25 sectors of 32 GiB). */
function sectorsAtStart(dir: string): number {
  const [header, first] = readFileSync(join(dir, 'timeseries.csv'), 'utf8').split('\n');
  const col = header!.split(',').indexOf('filecoin_network_raw_power_eib');
  return Number(first!.split(',')[col]) * 2 ** 25;
}

say('# panmine Filecoin full-size bench');
say();
say(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · node ${process.version}`);
say();
say(`experiments/filecoin-backtest.ts at its defaults (4000 providers + 400 candidates, 10 000 clients, 8 shards), ${DAYS} days, 1 replicate`);
say();
say('| threads per run | wall s | peak memory | sectors at start | CSVs, 1 vs 2 threads |');
say('|---:|---:|---:|---:|---|');
const rows: string[] = [];
for (const t of [1, 2]) {
  const dir = join(tmp, `fc-${t}`);
  const r = panmineProcess([
    'run',
    'experiments/filecoin-backtest.ts',
    '--set',
    `world_horizonDays=${DAYS}`,
    '--replicates',
    '1',
    '--threads-per-run',
    String(t),
    '--quiet',
    '--force',
    '--out',
    dir,
  ]);
  rows.push(
    `| ${t} | ${r.wallS.toFixed(1)} | ${r.peakMiB === null ? '' : `${r.peakMiB.toFixed(0)} MiB`} | ${(sectorsAtStart(dir) / 1e6).toFixed(0)} million | ${t === 1 ? '' : sameBytes(join(tmp, 'fc-1'), dir) ? 'byte-identical' : 'DIFFERENT'} |`,
  );
}
for (const r of rows) say(r);
say();

writeFileSync(join(OUT, 'filecoin-scale.md'), `${lines.join('\n')}\n`);
rmSync(tmp, { recursive: true, force: true });
