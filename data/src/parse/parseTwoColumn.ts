import { isNumericCell, parseNumberCell } from './parseNumberCell.js';
import { splitDelimited } from './splitDelimited.js';

/**
 * Parses one spectrum stored as two columns, axis and intensity (tab, comma, semicolon or
 * spaces). Text lines before the first numeric line (a header) are skipped.
 */
export function parseTwoColumn(text: string, source: string): { axis: Float64Array; values: Float64Array } {
  const { rows } = splitDelimited(text, source);
  const start = rows.findIndex((row) => isNumericCell(row.cells[0] ?? ''));
  if (start < 0) throw new Error(`${source}: no numeric lines; expected two columns, axis and intensity`);
  const data = rows.slice(start);
  const axis = new Float64Array(data.length);
  const values = new Float64Array(data.length);
  data.forEach((row, i) => {
    if (row.cells.length < 2) throw new Error(`${source}:${row.line}: ${row.cells.length} cell; expected two columns, axis and intensity`);
    axis[i] = parseNumberCell(row.cells[0], `${source}:${row.line}:1`);
    values[i] = parseNumberCell(row.cells[1], `${source}:${row.line}:2`);
  });
  // Checked here, where the line of each axis value is known (alignAxes only knows the file).
  const descending = axis.length > 1 && axis[1]! < axis[0]!;
  for (let i = 1; i < axis.length; i++) {
    const step = axis[i]! - axis[i - 1]!;
    if (descending ? step >= 0 : step <= 0) {
      throw new Error(
        `${source}:${data[i]!.line}:1: axis is not strictly monotonic (${axis[i - 1]} then ${axis[i]}); expected strictly ${descending ? 'descending' : 'ascending'} values`,
      );
    }
  }
  return { axis, values };
}
