import { RECORD_CSV } from './record-file.ts';
import { PARQUET_FILES } from './tables.ts';

/** The report's file name in an output folder. */
export const REPORT_HTML = 'report.html';

/**
 * Files a folder may hold beside its CSVs and manifest: the copy of the public record, the report and the Parquet
 * tables. `--force` clears them with the rest of the sweep, so none outlives the results it was made from.
 */
export const EXTRA_FILES: readonly string[] = [RECORD_CSV, REPORT_HTML, ...PARQUET_FILES];
