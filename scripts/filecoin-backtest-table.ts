// The Filecoin backtest beside the public record, as the tables of src/networks/filecoin/README.md ("The backtest"):
// reads a results folder of experiments/filecoin-backtest.ts and experiments/data/filecoin/record.csv and prints, in
// Markdown, the model's mean over the runs [their range] / the record (the error of the mean) every quarter, the day
// raw power fell below the baseline, the chain's totals at the end, and the relative RMS errors on the period the
// behavioural parameters were fitted on (to 2024-01-03) and after it (out of sample).
//
//   npx tsx scripts/filecoin-backtest-table.ts results/filecoin-backtest
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseUtcDate, utcDateAt } from '../src/core/dates.ts';

const DIR = process.argv[2];
if (!DIR) throw new Error('usage: npx tsx scripts/filecoin-backtest-table.ts <results folder of filecoin-backtest>');
const START_MS = parseUtcDate('2022-10-10')!;
const FIT_END = '2024-01-03';
const DAY_MS = 86_400_000;
const dayOf = (date: string) => (parseUtcDate(date.slice(0, 10))! - START_MS) / DAY_MS;
const dateOf = (day: number) => utcDateAt(START_MS, day * 86_400).slice(0, 10);

type Row = Record<string, string>;
const rows = parse(readFileSync(join(DIR, 'timeseries.csv')), { columns: true }) as Row[];
const record = (parse(readFileSync(new URL('../experiments/data/filecoin/record.csv', import.meta.url)), { columns: true }) as Row[]).map((r) => ({
  day: dayOf(r.date!),
  date: r.date!,
  metric: r.metric!,
  value: Number(r.value),
}));

/** Per run: the sampled days and each metric's values. */
const runs = new Map<string, { days: number[]; values: Map<string, number[]> }>();
for (const r of rows) {
  let run = runs.get(r.run_id!);
  if (!run) {
    run = { days: [], values: new Map() };
    runs.set(r.run_id!, run);
  }
  run.days.push(Number(r.t_days));
  for (const [k, v] of Object.entries(r)) {
    if (!k.startsWith('filecoin_') && k !== 'world_fil_usd') continue;
    const list = run.values.get(k) ?? [];
    list.push(Number(v));
    run.values.set(k, list);
  }
}
const runList = [...runs.values()];

/** A run's value of `metric` on `day`, interpolated linearly between samples; NaN past the run's end. */
function at(run: (typeof runList)[number], metric: string, day: number): number {
  const { days } = run;
  const v = run.values.get(metric)!;
  const i = days.findIndex((d) => d >= day);
  if (i < 0) return Number.NaN;
  if (i === 0 || days[i] === day) return v[i]!;
  const w = (day - days[i - 1]!) / (days[i]! - days[i - 1]!);
  return v[i - 1]! + w * (v[i]! - v[i - 1]!);
}

const stats = (xs: number[]) => ({ mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) });
const across = (metric: string, day: number) => stats(runList.map((run) => at(run, metric, day)));

function fmt(x: number, digits: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e6) return `${(x / 1e6).toFixed(1)} M`;
  return x.toFixed(digits);
}
const pct = (model: number, rec: number) => `${model >= rec ? '+' : ''}${((model / rec - 1) * 100).toFixed(0)} %`;
function cell(metric: string, day: number, digits: number, rec?: number): string {
  const s = across(metric, day);
  const model = `${fmt(s.mean, digits)} [${fmt(s.min, digits)}–${fmt(s.max, digits)}]`;
  return rec === undefined ? `${model} / –` : `${model} / **${fmt(rec, digits)}** (${pct(s.mean, rec)})`;
}
const recordAt = (metric: string, date: string) => record.find((r) => r.metric === metric && r.date === date)?.value;

console.log(`${runList.length} runs; model mean [range of the runs] / **record** (error of the mean)\n`);

// Every quarter: the record's monthly dates nearest each quarter's end (raw, QA power and the Fil+ share).
const quarterly = [...new Set(record.filter((r) => r.metric === 'filecoin_network_raw_power_eib').map((r) => r.date))].filter((d) =>
  ['01', '04', '07', '10'].includes(d.slice(5, 7)),
);
console.log('| date | raw power EiB | QA power EiB | Fil+ share of raw | circulating FIL | pledge per 32 GiB FIL | providers active | FIL USD |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const date of quarterly) {
  const day = dayOf(date);
  const period = date <= FIT_END ? 'fit' : 'out';
  console.log(
    `| ${date} (${period}) | ${cell('filecoin_network_raw_power_eib', day, 2, recordAt('filecoin_network_raw_power_eib', date))} | ${cell('filecoin_network_qa_power_eib', day, 2, recordAt('filecoin_network_qa_power_eib', date))} | ${cell('filecoin_filplus_share', day, 3, recordAt('filecoin_filplus_share', date))} | ${cell('filecoin_circulating_fil', day, 0)} | ${cell('filecoin_initial_pledge_per_32gib_fil', day, 3)} | ${cell('filecoin_providers_active', day, 0)} | ${across('world_fil_usd', day).mean.toFixed(2)} |`,
  );
}

// The day raw power fell below the baseline.
const crossings = runList.map((run) => {
  const v = run.values.get('filecoin_raw_minus_baseline_eib')!;
  const i = v.findIndex((x) => x < 0);
  if (i <= 0) return Number.NaN;
  return run.days[i - 1]! + ((run.days[i]! - run.days[i - 1]!) * v[i - 1]!) / (v[i - 1]! - v[i]!);
});
const recCross = record.find((r) => r.metric === 'filecoin_raw_minus_baseline_eib')!;
const crossed = crossings.filter(Number.isFinite);
if (crossed.length === 0) console.log(`\nRaw power never fell below the baseline in the runs / **${recCross.date}**`);
else {
  const c = stats(crossed);
  console.log(
    `\nRaw power below the baseline: ${dateOf(c.mean)} [${dateOf(c.min)}–${dateOf(c.max)}] (${crossed.length} of ${crossings.length} runs) / **${recCross.date}** (${(c.mean - recCross.day).toFixed(0)} days)`,
  );
}

// Single observations: the pledge of 2023-05-28 and the chain's totals at the end.
console.log('\n| date | metric | model | record |');
console.log('|---|---|---:|---|');
for (const r of record.filter(
  (x) => !['filecoin_network_raw_power_eib', 'filecoin_network_qa_power_eib', 'filecoin_filplus_share', 'filecoin_raw_minus_baseline_eib'].includes(x.metric),
)) {
  const s = across(r.metric, r.day);
  const digits = r.value < 10 ? 3 : 1;
  console.log(
    `| ${r.date} | ${r.metric.replace('filecoin_', '')} | ${fmt(s.mean, digits)} [${fmt(s.min, digits)}–${fmt(s.max, digits)}] | **${fmt(r.value, digits)}** (${pct(s.mean, r.value)}) |`,
  );
}

// Relative RMS errors of the mean (and the mean error) before and after the end of the fitting period.
console.log('\n| metric | fitted period (to 2024-01-03): RMS, mean error | out of sample: RMS, mean error | observations |');
console.log('|---|---:|---:|---:|');
for (const metric of ['filecoin_network_raw_power_eib', 'filecoin_network_qa_power_eib', 'filecoin_filplus_share']) {
  const errs = (fit: boolean) =>
    record
      .filter((r) => r.metric === metric && r.day > 0 && r.day <= 1200 && r.date <= FIT_END === fit)
      .map((r) => across(metric, r.day).mean / r.value - 1)
      .filter(Number.isFinite);
  const show = (e: number[]) =>
    e.length === 0
      ? '–'
      : `${(Math.sqrt(e.reduce((a, b) => a + b * b, 0) / e.length) * 100).toFixed(1)} %, ${((e.reduce((a, b) => a + b, 0) / e.length) * 100).toFixed(1)} %`;
  console.log(`| ${metric.replace('filecoin_', '')} | ${show(errs(true))} | ${show(errs(false))} | ${errs(true).length} + ${errs(false).length} |`);
}
