import cliProgress from 'cli-progress';
import type { SweepProgress } from './sweep.ts';

export interface ProgressReporter {
  update(p: SweepProgress): void;
  stop(): void;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  s = Math.round(s);
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

/**
 * Progress on stderr: a bar with ETA on a terminal, otherwise a plain line every `everyMs` (and one at
 * the end). Nothing when quiet.
 */
export function progressReporter(label: string, options: { quiet: boolean; everyMs?: number; stream?: NodeJS.WriteStream }): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% | {value}/{total} runs | {failed} failed | ETA {eta_formatted}`, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        if (!started) {
          bar.start(p.total, p.done, { failed: p.failed });
          started = true;
        } else bar.update(p.done, { failed: p.failed });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  const everyMs = options.everyMs ?? 5000;
  const t0 = Date.now();
  let last = t0;
  let latest: SweepProgress | undefined;
  let firstDone: number | undefined;
  const line = (p: SweepProgress) => {
    const elapsed = (Date.now() - t0) / 1000;
    const fresh = p.done - (firstDone ?? 0);
    const eta = fresh > 0 ? ((p.total - p.done) * elapsed) / fresh : NaN;
    stream.write(
      `${label}: ${p.done}/${p.total} runs (${p.total ? Math.floor((100 * p.done) / p.total) : 100}%), ${p.failed} failed, ${duration(elapsed)} elapsed, ETA ${duration(eta)}\n`,
    );
  };
  return {
    update(p) {
      if (firstDone === undefined) firstDone = p.skipped;
      latest = p;
      if (Date.now() - last >= everyMs) {
        last = Date.now();
        line(p);
      }
    },
    stop() {
      if (latest) line(latest);
    },
  };
}
