import { describe, expect, it } from 'vitest';
import { chooseThreads, LARGE_RUN_AGENTS } from '../../src/runner/threads.ts';

describe('chooseThreads', () => {
  it('gives small runs one thread each and the sweep one worker per core', () => {
    expect(chooseThreads({}, 100, 1000, 8)).toEqual({ workers: 8, threadsPerRun: 1 });
  });

  it('spreads a large run over the cores the sweep would leave idle', () => {
    expect(chooseThreads({}, 1, LARGE_RUN_AGENTS, 16)).toEqual({ workers: 1, threadsPerRun: 16 });
    expect(chooseThreads({}, 3, 10 * LARGE_RUN_AGENTS, 16)).toEqual({ workers: 3, threadsPerRun: 5 });
  });

  it('keeps large runs on one thread each when there are enough runs for every core', () => {
    expect(chooseThreads({}, 32, 10 * LARGE_RUN_AGENTS, 16)).toEqual({ workers: 16, threadsPerRun: 1 });
  });

  it('respects values given on the command line', () => {
    expect(chooseThreads({ workers: 2, threadsPerRun: 3 }, 1, 10 * LARGE_RUN_AGENTS, 16)).toEqual({ workers: 2, threadsPerRun: 3 });
    expect(chooseThreads({ threadsPerRun: 4 }, 100, 10, 16)).toEqual({ workers: 4, threadsPerRun: 4 });
  });
});
