import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, GOLDEN_FILES } from './cases.ts';
import { GOLDEN_DIR, runGoldenCase } from './run-case.ts';

/**
 * Every shipped experiment, at a fixed seed and small size, gives exactly the committed CSVs. A refactor must
 * not change a byte; a change of results is made on purpose with `npm run golden:update` and shows in the diff.
 */
describe('golden CSVs', () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.name} gives the committed bytes`, () => {
      const got = runGoldenCase(c);
      for (const f of GOLDEN_FILES) {
        const want = readFileSync(join(GOLDEN_DIR, c.name, f), 'utf8');
        expect(got[f], `${c.name}/${f} differs from test/golden; if the change is meant, run npm run golden:update and commit the diff`).toBe(want);
      }
    });
  }
});
