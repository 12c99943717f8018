/**
 * `npm run bench:scale`: the scale figures of the README, each from whole `panmine` processes.
 *
 * (a) One large run on 1 and 2 threads: the Livepeer market experiment with 10^6 agents in total
 *     (800 000 delegators, 199 900 broadcasters, 100 orchestrators, K = 8 shards), over 30 days and over a
 *     year, run with `--threads-per-run 1` and `2`, alternating, REPEATS times each; reports best and median
 *     wall time, the speed-up, peak memory, and checks the CSVs are byte-identical.
 * (b) The reference model at 10^6 agents (1000 × 1000) on one thread, as Mesa's sequential activation requires.
 * (c) Flat memory: sweeps of 1 000 and 10 000 small runs; peak resident memory of the whole process.
 *
 * Peak memory is GNU time's maximum resident set size (/usr/bin/time); without it, that column is empty.
 * Results are printed and written to bench/out/scale.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { panmineProcess, ROOT, sameBytes, type Timed } from './process-run.ts';

const OUT = join(ROOT, 'bench/out');
const REPEATS = Number(process.env.PANMINE_BENCH_REPEATS ?? 3);
mkdirSync(OUT, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'panmine-bench-scale-'));

const lines: string[] = [];
const say = (s = ''): void => {
  console.log(s);
  lines.push(s);
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mib = (x: number | null): string => (x === null ? '' : `${x.toFixed(0)} MiB`);
say('# panmine scale bench');
say();
say(`${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · node ${process.version} · best and median of ${REPEATS}`);
say();

// (a) One large run across threads, over a short and a year-long horizon (fixed costs weigh less over a year).
const LIVEPEER_1M = [
  'run',
  'experiments/livepeer-market.ts',
  '--set',
  'livepeer_delegators=800000',
  '--set',
  'livepeer_broadcasters=199900',
  '--set',
  'livepeer_orchestrators=100',
  '--set',
  'livepeer_orchestratorCandidates=0',
  '--set',
  'world_shards=8',
  '--set',
  'livepeer_maxSessions=10',
  '--set',
  'livepeer_streamsPerHour=2000',
  '--replicates',
  '1',
  '--quiet',
  '--force',
];
const threads = [1, 2];
say('## (a) Livepeer market, 10^6 agents in one run (K = 8 shards)');
say();
say('| simulated days | threads per run | best wall s | median wall s | speed-up (best) | speed-up (median) | peak memory | CSVs, 1 vs 2 threads |');
say('|---:|---:|---:|---:|---:|---:|---:|---|');
for (const horizonDays of [30, 365]) {
  const times = new Map<number, Timed[]>(threads.map((t) => [t, []]));
  for (let i = 0; i < REPEATS; i++) {
    // Alternate the order, so a slow spell of the machine does not fall on one configuration only.
    const order = i % 2 === 0 ? threads : [...threads].reverse();
    for (const t of order)
      times
        .get(t)!
        .push(panmineProcess([...LIVEPEER_1M, '--set', `world_horizonDays=${horizonDays}`, '--threads-per-run', String(t), '--out', join(tmp, `lp-${t}`)]));
  }
  const identical = sameBytes(join(tmp, 'lp-1'), join(tmp, 'lp-2')) ? 'byte-identical' : 'DIFFERENT';
  const b1 = Math.min(...times.get(1)!.map((x) => x.wallS));
  const m1 = median(times.get(1)!.map((x) => x.wallS));
  for (const t of threads) {
    const xs = times.get(t)!;
    const b = Math.min(...xs.map((x) => x.wallS));
    const m = median(xs.map((x) => x.wallS));
    say(
      `| ${horizonDays} | ${t} | ${b.toFixed(2)} | ${m.toFixed(2)} | ${(b1 / b).toFixed(2)}× | ${(m1 / m).toFixed(2)}× | ${mib(Math.max(...xs.map((x) => x.peakMiB ?? 0)))} | ${t === 1 ? '' : identical} |`,
    );
  }
}
say();

// (b) The reference model at 10^6 agents, one thread.
const bw = panmineProcess([
  'run',
  'experiments/boltzmann-wealth.ts',
  '--set',
  'agents=1000000',
  '--set',
  'width=1000',
  '--set',
  'height=1000',
  '--set',
  'steps=100',
  '--replicates',
  '1',
  '--quiet',
  '--force',
  '--out',
  join(tmp, 'bw'),
]);
say('## (b) Reference model, 10^6 agents on 1000 × 1000, 100 steps, one thread');
say();
say(`wall ${bw.wallS.toFixed(2)} s (${((1e6 * 100) / bw.wallS / 1e6).toFixed(2)} M agent-steps/s including start-up), peak memory ${mib(bw.peakMiB)}`);
say();

// (c) Flat memory over many small runs.
say('## (c) Many small runs (Boltzmann, 10 agents on 5 × 5, 10 steps; 2 workers)');
say();
say('| runs | wall s | runs/s | peak memory |');
say('|---:|---:|---:|---:|');
for (const n of [1_000, 10_000]) {
  const r = panmineProcess([
    'run',
    'experiments/boltzmann-wealth.ts',
    '--set',
    'agents=10',
    '--set',
    'width=5',
    '--set',
    'height=5',
    '--set',
    'steps=10',
    '--replicates',
    String(n),
    '--workers',
    '2',
    '--quiet',
    '--force',
    '--out',
    join(tmp, `many-${n}`),
  ]);
  say(`| ${n.toLocaleString('en')} | ${r.wallS.toFixed(1)} | ${(n / r.wallS).toFixed(0)} | ${mib(r.peakMiB)} |`);
}
say();

writeFileSync(join(OUT, 'scale.md'), `${lines.join('\n')}\n`);
rmSync(tmp, { recursive: true, force: true });
