/**
 * Dates of dated runs and records: UTC only, written `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]Z`. Simulated time t (in
 * seconds) of a run with a start date stands for start + t.
 */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?Z)?$/;

/** What `parseUtcDate` accepts, for error messages. */
export const UTC_DATE_ALLOWED = 'a date YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z (UTC)';

/** Milliseconds since the epoch of a UTC date, or undefined when the text is not a valid date of that form. */
export function parseUtcDate(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March: a date that does not read back is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return ms;
}

/**
 * The ISO 8601 UTC time `startMs + tS` seconds, to the second when it falls on one and to the millisecond otherwise:
 * `2023-01-01T00:00:00Z`, `2023-01-01T06:00:00.250Z`.
 */
export function utcDateAt(startMs: number, tS: number): string {
  const iso = new Date(Math.round(startMs + tS * 1000)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
