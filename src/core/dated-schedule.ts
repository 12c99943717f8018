import { parseUtcDate, UTC_DATE_ALLOWED } from './dates.ts';
import { ConfigError, closest } from './errors.ts';
import { SECONDS_PER_DAY } from './units.ts';

/**
 * A parameter schedule given in dates: the dated changes of named parameters (a governance vote, a contract upgrade, a
 * product launch) that a backtest replays. A network reads it as simulated times: `parameterSchedule` turns every
 * date into seconds from the run's start date, and `valueAt` gives the value in force at a time (the last change at
 * or before it; the network's own default before the first). Changes dated before the start date are in force from
 * t = 0. Nothing here knows a network: which names a network accepts, and when a change takes effect in its rules
 * (at once, or at its next round), is the network's business.
 *
 * A schedule file is a CSV with the columns `date, parameter, value, source` (`parseScheduleCsv`): `date` is
 * `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]Z` (UTC), `value` a finite number, `source` where the change is documented.
 */

/** One dated change, as written. */
export interface DatedChange {
  readonly date: string;
  readonly name: string;
  readonly value: number;
  readonly source: string;
}

/** One change in simulated time: `atS` seconds after the start date (negative: before it, in force from t = 0). */
export interface ScheduledChange extends DatedChange {
  readonly atS: number;
}

/** The changes of a schedule in time order (stable: two changes at one instant keep their written order). */
export interface ParameterSchedule {
  readonly startDate: string;
  readonly changes: readonly ScheduledChange[];
}

const DATE_ALLOWED = `allowed: ${UTC_DATE_ALLOWED}`;

/**
 * A schedule for a run that starts on `startDate`. `names`, when given, are the parameters the reader accepts: a
 * change of any other is refused, naming the closest allowed one.
 * @throws ConfigError naming the change (by its index) and its field.
 */
export function parameterSchedule(startDate: string, changes: readonly DatedChange[], names?: readonly string[]): ParameterSchedule {
  const startMs = parseUtcDate(startDate);
  if (startMs === undefined) throw new ConfigError('schedule.startDate', startDate, DATE_ALLOWED);
  const out: ScheduledChange[] = changes.map((c, i) => {
    const ms = parseUtcDate(c.date);
    if (ms === undefined) throw new ConfigError(`schedule[${i}].date`, c.date, DATE_ALLOWED);
    if (names && !names.includes(c.name)) {
      const near = closest(c.name, names);
      throw new ConfigError(`schedule[${i}].parameter`, c.name, `allowed: one of ${names.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`);
    }
    if (!Number.isFinite(c.value)) throw new ConfigError(`schedule[${i}].value`, c.value, 'allowed: a finite number');
    if (c.source.trim() === '') throw new ConfigError(`schedule[${i}].source`, c.source, 'allowed: where the change is documented; it may not be empty');
    return Object.freeze({ ...c, atS: ((ms - startMs) / 1000) as number });
  });
  // Stable sort by time (Array.prototype.sort is stable).
  out.sort((a, b) => a.atS - b.atS);
  return Object.freeze({ startDate, changes: Object.freeze(out) });
}

/** The schedule with no changes. */
export const EMPTY_SCHEDULE: ParameterSchedule = Object.freeze({ startDate: '1970-01-01', changes: Object.freeze([]) });

/** The value of `name` in force at `tS` (the last change at or before it), or `fallback` when none has happened yet. */
export function valueAt(schedule: ParameterSchedule, name: string, tS: number, fallback: number): number {
  let v = fallback;
  for (const c of schedule.changes) {
    if (c.atS > tS) break;
    if (c.name === name) v = c.value;
  }
  return v;
}

/** Whether the schedule changes `name` at all. */
export function schedules(schedule: ParameterSchedule, name: string): boolean {
  return schedule.changes.some((c) => c.name === name);
}

/** Days from `startDate` to `date` (both UTC dates as parseUtcDate reads them). */
export function daysBetween(startDate: string, date: string): number {
  const a = parseUtcDate(startDate);
  const b = parseUtcDate(date);
  if (a === undefined) throw new ConfigError('startDate', startDate, DATE_ALLOWED);
  if (b === undefined) throw new ConfigError('date', date, DATE_ALLOWED);
  return (b - a) / 1000 / SECONDS_PER_DAY;
}

/**
 * Reads a schedule CSV (`date, parameter, value, source`, any column order; `source` may be quoted and hold commas).
 * Errors name `label`, the row (the header is row 1) and the column.
 */
export function parseScheduleCsv(text: string, label: string): DatedChange[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  const col: Record<string, number> = {};
  for (const c of ['date', 'parameter', 'value', 'source']) {
    const at = header.indexOf(c);
    if (at < 0) throw new ConfigError(`${label} row 1`, header.join(','), `allowed: a header with the columns date, parameter, value, source (missing "${c}")`);
    col[c] = at;
  }
  return lines.slice(1).map((line, k) => {
    const cells = splitCsvLine(line);
    const row = k + 2;
    if (cells.length !== header.length) throw new ConfigError(`${label} row ${row}`, line, `allowed: ${header.length} cells, as the header has`);
    const cell = (c: string) => cells[col[c]!]!.trim();
    const date = cell('date');
    if (parseUtcDate(date) === undefined) throw new ConfigError(`${label} row ${row} column date`, date, DATE_ALLOWED);
    const valueText = cell('value');
    const value = valueText === '' ? Number.NaN : Number(valueText);
    if (!Number.isFinite(value)) throw new ConfigError(`${label} row ${row} column value`, valueText, 'allowed: a finite number');
    const source = cell('source');
    if (source === '') throw new ConfigError(`${label} row ${row} column source`, source, 'allowed: where the change is documented; it may not be empty');
    return { date, name: cell('parameter'), value, source };
  });
}

/** One CSV line into cells: commas split, double quotes group (a doubled quote inside is one quote). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
