/**
 * Errors a user can fix. Each carries one line naming the field or file, the value and what is allowed;
 * the CLI prints that line and exits 2.
 */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}

/** A bad parameter value, option or override: names the field, the value and the allowed range. */
export class ConfigError extends InputError {
  override readonly name = 'ConfigError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`${field}: ${formatValue(value)} is not allowed; ${allowed}`);
  }
}

/** An experiment file that is missing, does not load, or whose definition is malformed. */
export class ExperimentFileError extends InputError {
  override readonly name = 'ExperimentFileError';
}

/**
 * A file-system operation that failed on the output folder or another path the user gave: names the operation,
 * the path and the real cause (`code` is the errno name, e.g. ENOSPC). `resumable` marks a failure in the middle
 * of a sweep, after which `--resume` continues where it stopped once the cause is fixed.
 */
export class FileSystemError extends InputError {
  override readonly name = 'FileSystemError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly resumable = false,
  ) {
    super(message);
  }
}

/** An error (or any thrown value, or text) as one line: its lines trimmed and joined, blanks dropped. */
export function oneLine(e: unknown): string {
  const text = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  return String(v);
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length,
    n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[n]!;
}

/** The closest of `names` to `name`, if it is close enough to be a plausible typo. */
export function closest(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of names) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
