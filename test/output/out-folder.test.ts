import { describe, expect, it } from 'vitest';
import { defaultOutFolder } from '../../src/output/out-folder.ts';

describe('defaultOutFolder', () => {
  it('gives different folders to sweeps started in the same millisecond', () => {
    const now = new Date('2026-11-24T22:13:05.123Z');
    const names = new Set(Array.from({ length: 50 }, () => defaultOutFolder('tiny', now)));
    expect(names.size).toBe(50);
  });

  it('names the folder by the UTC time to the millisecond and a short suffix, under results/<experiment>', () => {
    expect(defaultOutFolder('tiny', new Date('2026-11-24T22:13:05.123Z'))).toMatch(/^results\/tiny\/2026-11-24T22-13-05\.123Z-[0-9a-f]{6}$/);
  });
});
