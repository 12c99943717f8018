// Rewrites the golden CSVs under test/golden/ from the current code. Run it only when a change of results is
// meant, then read `git diff test/golden` before committing: every changed line is a changed result.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_CASES } from '../test/golden/cases.ts';
import { GOLDEN_DIR, runGoldenCase } from '../test/golden/run-case.ts';

for (const c of GOLDEN_CASES) {
  const files = runGoldenCase(c);
  mkdirSync(join(GOLDEN_DIR, c.name), { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(GOLDEN_DIR, c.name, f), text);
  process.stdout.write(
    `test/golden/${c.name}: ${Object.entries(files)
      .map(([f, t]) => `${f} ${t.length} B`)
      .join(', ')}\n`,
  );
}
