import type { RawSpectra } from './rawSpectra.js';
import { parseNumberCell } from './parseNumberCell.js';
import { splitDelimited, type TextRow } from './splitDelimited.js';
import { readNumericRow } from './readNumericRow.js';

export interface ParseUcrOptions {
  source: string;
  /** Axis values; the UCR format has none, so 1..p by default. */
  axis?: ArrayLike<number>;
  delimiter?: string;
  /** @default auto (see detectDecimal) */
  decimal?: ',' | '.';
}

/** Parses a UCR-archive style file: no header, one spectrum per line, the class label first. */
export function parseUcr(text: string, options: ParseUcrOptions): RawSpectra {
  return parseUcrRows(splitDelimited(text, options.source, options.delimiter, options.decimal).rows, options);
}

/**
 * `parseUcr` for rows already split (a file read piece by piece keeps its line numbers). `width`:
 * the number of values every row must have (a later piece's rows must match the file's first).
 */
export function parseUcrRows(rows: readonly TextRow[], options: ParseUcrOptions & { width?: number }): RawSpectra {
  const { source } = options;
  const width = options.width ?? rows[0]!.cells.length - 1;
  if (width < 1) throw new Error(`${source}:${rows[0]!.line}: one cell only; expected a label and then the values`);
  if (options.axis && options.axis.length !== width) {
    throw new Error(`${source}: the given axis has ${options.axis.length} values; the spectra have ${width}`);
  }
  const axis = options.axis ? Float64Array.from(options.axis) : Float64Array.from({ length: width }, (_, j) => j + 1);
  const out: RawSpectra = {
    source,
    format: 'ucr',
    names: [],
    axes: [],
    values: [],
    places: [],
    fields: {},
    layoutLabels: [],
    notes: options.axis ? [] : [`${source}: UCR format has no axis; using the variable index 1..${width}`],
    ...(options.axis ? { axisAt: () => `${source} (the axis given in the options)` } : {}),
  };
  const texts: string[] = [];
  for (const row of rows) {
    const values = new Float64Array(width);
    texts.length = 0;
    if (!readNumericRow(row, 1, values, texts)) {
      // The general path names the problem.
      if (row.cells.length !== width + 1) {
        throw new Error(`${source}:${row.line}: row has ${row.cells.length} cells; expected ${width + 1} (a label and ${width} values, as in the first row)`);
      }
      for (let j = 0; j < width; j++) values[j] = parseNumberCell(row.cells[j + 1]!, `${source}:${row.line}:${j + 2}`);
      texts[0] = row.cells[0]!.trim();
    }
    out.layoutLabels!.push(texts[0]!);
    out.names.push(`line ${row.line}`);
    out.axes.push(axis);
    out.values.push(values);
    out.places.push(`${source}:${row.line}`);
  }
  return out;
}
