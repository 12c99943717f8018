import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../output/atomic-file.ts';
import { REPORT_HTML } from '../output/extra-files.ts';
import { buildReport } from '../output/report/build-report.ts';
import { readReportData } from '../output/report/read-report-data.ts';

/**
 * `panmine report DIR`: writes DIR/report.html (atomically) from the folder's manifest, CSVs and public record.
 * Returns its path. Throws InputError (one line) when the folder is not a finished sweep.
 */
export async function writeReport(dirIn: string): Promise<string> {
  const dir = resolve(dirIn);
  const html = await buildReport(await readReportData(dir, dirIn));
  const path = join(dir, REPORT_HTML);
  await writeFileAtomic(path, html);
  return path;
}
