// Fits the backtest's free behavioural parameters on 2023 only (experiments/livepeer-backtest.ts): runs the model from
// 2023-01-01 to 2024-01-01 over a grid, compares each point's mean with the 2023 part of the public record and prints
// the errors, best first. 2024 to mid-2025 is then out of sample (README of src/networks/livepeer, "The backtest").
//
//   npx tsx scripts/livepeer-fit-2023.ts [replicates] [name=v1,v2,...]...
//   e.g. npx tsx scripts/livepeer-fit-2023.ts 4 livepeer_takeProfitRate=0,0.25,0.5 livepeer_hurdleSigma=0.25,0.5,1
//
// Each point's score is the root mean square of the relative errors of the monthly bonding rate (weight 2) and the
// quarterly price per minute and transcoded minutes (weight 1 each) over 2023.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import backtest from '../experiments/livepeer-backtest.ts';
import { runSeed } from '../src/engine/rng.ts';
import { simulate } from '../src/engine/simulation.ts';
import { spaceOf } from '../src/experiment/space.ts';

const [repArg, ...axes] = process.argv.slice(2);
const replicates = Number(repArg ?? 4);
const record = (parse(readFileSync(new URL('../experiments/data/livepeer/record.csv', import.meta.url)), { columns: true }) as Record<string, string>[])
  .filter((r) => r.date! >= '2023-01-01' && r.date! <= '2024-01-01')
  .map((r) => ({
    t: (Date.parse(`${r.date!.slice(0, 10)}T00:00:00Z`) - Date.parse('2023-01-01T00:00:00Z')) / 86_400_000,
    metric: r.metric!,
    value: Number(r.value),
  }));
const WEIGHTS: Record<string, number> = { livepeer_bonding_rate: 2, livepeer_price_per_minute_usd: 1, livepeer_transcoded_minutes: 1 };
const space = spaceOf(backtest, ['world_horizonDays=366', ...axes]);
const results: { point: string; score: number; errs: Record<string, number> }[] = [];
for (const point of space.points) {
  const sums = new Map<string, number>();
  for (let rep = 0; rep < replicates; rep++) {
    const series = new Map<number, Record<string, number>>();
    await simulate(backtest.build(point.values), {
      seed: runSeed(backtest.seed, 0, rep), // the same seeds at every point (common random numbers)
      horizonS: backtest.horizonS(point.values),
      sampleEveryS: 86_400,
      onSample: (t, v) => series.set(Math.round(t / 86_400), v),
    });
    for (const [i, r] of record.entries()) {
      if (!(r.metric in WEIGHTS)) continue;
      const v = series.get(Math.round(r.t))?.[r.metric];
      if (v !== undefined) sums.set(`${i}`, (sums.get(`${i}`) ?? 0) + v / replicates);
    }
  }
  const errs: Record<string, number[]> = {};
  for (const [i, r] of record.entries()) {
    const m = sums.get(`${i}`);
    if (m === undefined || r.t === 0) continue;
    const list = errs[r.metric] ?? [];
    list.push((m - r.value) / r.value);
    errs[r.metric] = list;
  }
  let num = 0;
  let den = 0;
  const rms: Record<string, number> = {};
  for (const [metric, e] of Object.entries(errs)) {
    rms[metric] = Math.sqrt(e.reduce((a, x) => a + x * x, 0) / e.length);
    num += WEIGHTS[metric]! * rms[metric]! ** 2;
    den += WEIGHTS[metric]!;
  }
  const label = axes.map((a) => `${a.split('=')[0]}=${point.values[a.split('=')[0]!]}`).join(' ');
  results.push({ point: label, score: Math.sqrt(num / den), errs: rms });
  process.stderr.write(`${label}: ${Math.sqrt(num / den).toFixed(4)}\n`);
}
results.sort((a, b) => a.score - b.score);
for (const r of results)
  console.log(
    `${r.score.toFixed(4)}  ${r.point}  ${Object.entries(r.errs)
      .map(([k, v]) => `${k.replace('livepeer_', '')} ${(100 * v).toFixed(1)} %`)
      .join(', ')}`,
  );
