import { readFileSync } from 'node:fs';
import { parseUtcDate, UTC_DATE_ALLOWED } from '../core/dates.ts';
import { ConfigError } from '../core/errors.ts';
import { SECONDS_PER_DAY } from '../core/units.ts';
import type { PriceProcess } from './process.ts';

/** How a dated path is read between its dates. */
export type Interpolation = 'linear' | 'step';

export interface PricePathOptions {
  /** Column holding the prices (the first column is the date). */
  readonly column: string;
  /** `linear` (default): linear in the price between dated rows; `step`: the last dated value holds until the next. */
  readonly interpolation?: Interpolation;
  /** Largest gap allowed between consecutive dates, in days (default 7): a longer gap is refused, not filled. */
  readonly maxGapDays?: number;
}

/** A dated path: t = 0 is the first date; times in seconds from it. */
export interface DatedPath {
  readonly file: string;
  readonly column: string;
  readonly firstDate: string;
  readonly times: Float64Array;
  readonly values: Float64Array;
  readonly interpolation: Interpolation;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?Z)?$/;

/** Milliseconds since the epoch of a `YYYY-MM-DD` date or a `YYYY-MM-DDTHH:MM[:SS]Z` UTC time. */
function timeMs(text: string, where: string): number {
  const m = DATE_RE.exec(text);
  const [y, mo, d, h, mi, sec] = m ? [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) : [];
  const ms = m ? Date.UTC(y!, mo! - 1, d!, h!, mi!, sec!) : Number.NaN;
  const back = new Date(ms);
  if (!m || Number.isNaN(ms) || back.getUTCDate() !== d || back.getUTCMonth() !== mo! - 1 || h! > 23 || mi! > 59 || sec! > 59)
    throw new ConfigError(where, text, 'allowed: a date YYYY-MM-DD or a UTC time YYYY-MM-DDTHH:MM[:SS]Z');
  return ms;
}

/**
 * Parses a price path from CSV text: a header whose first column is `date` (YYYY-MM-DD, or a UTC time
 * YYYY-MM-DDTHH:MM[:SS]Z for an intraday path), then one row per date, strictly increasing, with no gap longer than `maxGapDays`, and a positive number in `column`. Errors name
 * the file, the row (1-based, the header is row 1) and the column.
 */
export function parsePricePath(text: string, file: string, o: PricePathOptions): DatedPath {
  const maxGap = o.maxGapDays ?? 7;
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  if (header[0] !== 'date') throw new ConfigError(`${file} row 1 column 1`, header[0] ?? '', 'allowed: a header starting with "date"');
  const col = header.indexOf(o.column);
  if (col < 1) throw new ConfigError(`${file} row 1`, o.column, `allowed: one of the columns ${header.slice(1).join(', ') || '(none)'}`);
  if (lines.length < 2) throw new ConfigError(file, `${lines.length - 1} rows`, 'allowed: at least one dated row');
  const times: number[] = [];
  const values: number[] = [];
  let first = 0;
  let prev = Number.NaN;
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r]!.split(',').map((c) => c.trim());
    const where = (name: string) => `${file} row ${r + 1} column ${name}`;
    const ms = timeMs(cells[0] ?? '', where('date'));
    const day = ms / 86_400_000;
    if (r === 1) first = ms;
    else if (!(day > prev))
      throw new ConfigError(where('date'), cells[0], `allowed: a date after the previous row's (${lines[r - 1]!.split(',')[0]}); dates must increase`);
    else if (day - prev > maxGap)
      throw new ConfigError(where('date'), cells[0], `allowed: at most ${maxGap} days after the previous date (a gap of ${day - prev} days is not filled in)`);
    const cell = cells[col] ?? '';
    const v = /^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell) ? Number(cell) : Number.NaN;
    if (!(v > 0) || !Number.isFinite(v)) throw new ConfigError(where(o.column), cell, 'allowed: a positive decimal number');
    times.push((ms - first) / 1000);
    values.push(v);
    prev = day;
  }
  return {
    file,
    column: o.column,
    firstDate: lines[1]!.split(',')[0]!.trim(),
    times: Float64Array.from(times),
    values: Float64Array.from(values),
    interpolation: o.interpolation ?? 'linear',
  };
}

/** Reads and parses a price path file (see `parsePricePath`). */
export function readPricePath(file: string, o: PricePathOptions): DatedPath {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError('price path', file, `allowed: a readable CSV file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parsePricePath(text, file, o);
}

/** The path's value at t seconds after its first date: exact at its dates, interpolated as stated between them. */
export function valueOnPath(path: DatedPath, t: number): number {
  const { times, values } = path;
  const last = times.length - 1;
  if (t < 0 || t > times[last]! + 1e-6)
    throw new RangeError(
      `${path.file}: the run reaches day ${t / SECONDS_PER_DAY}, past the path's last date (day ${times[last]! / SECONDS_PER_DAY}); extend the file or shorten the horizon`,
    );
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  if (lo === last || path.interpolation === 'step') return values[lo]!;
  const w = (t - times[lo]!) / (times[lo + 1]! - times[lo]!);
  return values[lo]! + w * (values[lo + 1]! - values[lo]!);
}

/**
 * A price that follows a dated path (no randomness): the world samples it on its grid. Simulated t = 0 is the path's
 * first date, or `startDate` (a dated run's start, `YYYY-MM-DD`, on or after the first date) when given.
 */
export function pathPrice(path: DatedPath, startDate?: string): PriceProcess {
  let offsetS = 0;
  if (startDate !== undefined) {
    const start = parseUtcDate(startDate);
    const first = parseUtcDate(path.firstDate)!;
    if (start === undefined) throw new ConfigError('price path start date', startDate, `allowed: ${UTC_DATE_ALLOWED}`);
    if (start < first) throw new ConfigError(`${path.file} start date`, startDate, `allowed: a date on or after the path's first date ${path.firstDate}`);
    offsetS = (start - first) / 1000;
  }
  return {
    label: `path(${path.file}:${path.column} from ${startDate ?? path.firstDate}, ${path.interpolation})`,
    initial: valueOnPath(path, offsetS),
    diffusive: false,
    start: () => ({ step: (_price, _dt, _z, tS) => valueOnPath(path, offsetS + tS) }),
  };
}
