import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/runner/progress.ts';

/** A stand-in for stderr when it is not a terminal: collects what is written. */
function fakeStream(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  let text = '';
  const write = (s: string) => {
    text += s;
    return true;
  };
  const stream = { isTTY: false, write } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => text.split('\n').filter(Boolean) };
}

describe('progressReporter', () => {
  it('prints a line every interval while runs are in flight, even when none finishes', async () => {
    const { stream, lines } = fakeStream();
    const p = progressReporter('panmine slow', { quiet: false, everyMs: 40, stream });
    p.update({ total: 10, done: 0, failed: 0, skipped: 0, running: 2 });
    await new Promise((r) => setTimeout(r, 150));
    p.stop();
    const ticks = lines().filter((l) => /0\/10 runs .*2 in flight/.test(l));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(lines()[0]).toMatch(/^panmine slow: 0\/10 runs \(0%\), 2 in flight, 0 failed, \d+s elapsed, ETA \?$/);
  });

  it('prints nothing when quiet', async () => {
    const { stream, lines } = fakeStream();
    const p = progressReporter('x', { quiet: true, everyMs: 10, stream });
    p.update({ total: 1, done: 0, failed: 0, skipped: 0, running: 1 });
    await new Promise((r) => setTimeout(r, 40));
    p.stop();
    expect(lines()).toEqual([]);
  });
});
