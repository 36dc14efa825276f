import { isNumericCell } from './parse/parseNumberCell.js';
import { splitDelimited, type TextRow } from './parse/splitDelimited.js';

/**
 * `ucr` when the text has no header (the first line is all numbers) and its first column is not
 * a monotonic axis (labels repeat); otherwise `delimited`. Folders are told apart by the caller.
 */
export function detectTextFormat(text: string, source: string): 'delimited' | 'ucr' {
  return detectRowsFormat(splitDelimited(text, source).rows);
}

/**
 * detectTextFormat for rows already split. On the first rows of a file, `ucr` settles it (a first
 * column that is not monotonic there is not monotonic in the whole file); `delimited` may not.
 */
export function detectRowsFormat(rows: readonly TextRow[]): 'delimited' | 'ucr' {
  if (!rows[0]!.cells.every(isNumericCell)) return 'delimited';
  const first = rows.map((row) => Number(row.cells[0]));
  const ascending = first.every((v, i) => i === 0 || v > first[i - 1]);
  const descending = first.every((v, i) => i === 0 || v < first[i - 1]);
  return rows.length > 2 && !ascending && !descending ? 'ucr' : 'delimited';
}
