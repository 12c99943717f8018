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
 * Progress on stderr: a bar with ETA on a terminal, otherwise a plain line every `everyMs` (default 5 s) for as
 * long as the sweep runs, whether or not a run finished in the meantime (elapsed time, runs done, runs in
 * flight), and one at the end. Nothing when quiet.
 */
export function progressReporter(label: string, options: { quiet: boolean; everyMs?: number; stream?: NodeJS.WriteStream }): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update() {}, stop() {} };
  const everyMs = options.everyMs ?? 5000;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} [{bar}] {percentage}% | {value}/{total} runs | {running} in flight | {failed} failed | {duration_formatted} | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let latest: SweepProgress | undefined;
    // Redraws the elapsed time while no run finishes.
    const timer = setInterval(
      () => {
        if (started && latest) bar.update(latest.done, { failed: latest.failed, running: latest.running });
      },
      Math.min(everyMs, 1000),
    );
    timer.unref();
    return {
      update(p) {
        latest = p;
        if (!started) {
          bar.start(p.total, p.done, { failed: p.failed, running: p.running });
          started = true;
        } else bar.update(p.done, { failed: p.failed, running: p.running });
      },
      stop() {
        clearInterval(timer);
        if (started) bar.stop();
      },
    };
  }
  const t0 = Date.now();
  let latest: SweepProgress | undefined;
  const line = (p: SweepProgress) => {
    const elapsed = (Date.now() - t0) / 1000;
    // Runs computed by this invocation (a resumed sweep skips those already done).
    const fresh = p.done - p.skipped;
    const eta = fresh > 0 ? ((p.total - p.done) * elapsed) / fresh : NaN;
    stream.write(
      `${label}: ${p.done}/${p.total} runs (${p.total ? Math.floor((100 * p.done) / p.total) : 100}%), ${p.running} in flight, ${p.failed} failed, ${duration(elapsed)} elapsed, ETA ${duration(eta)}\n`,
    );
  };
  const timer = setInterval(() => {
    if (latest) line(latest);
  }, everyMs);
  timer.unref();
  return {
    update(p) {
      latest = p;
    },
    stop() {
      clearInterval(timer);
      if (latest) line(latest);
    },
  };
}
