import type { Orientation } from '../readerOptions.js';
import type { RawSpectra } from './rawSpectra.js';
import { isNumericCell, parseNumberCell } from './parseNumberCell.js';
import { splitDelimited, type TextRow } from './splitDelimited.js';
import { readNumericRow } from './readNumericRow.js';

export interface ParseDelimitedOptions {
  /** Name of the file, used in messages. */
  source: string;
  /** @default 'auto' */
  orientation?: Orientation;
  /** @default auto (tab, semicolon, comma) */
  delimiter?: string;
  /** @default auto (see detectDecimal) */
  decimal?: ',' | '.';
}

/** Header names that mark the sample-name column (spectra as rows). */
const NAME_HEADERS = /^(id|name|names|sample|samples|sample[ _-]?id|spectrum)$/i;

/**
 * Parses delimited text holding several spectra. Spectra as ROWS: a header row whose numeric
 * cells are the axis, leading text columns (id, label, group, ...) kept as fields. Spectra as
 * COLUMNS: the first column is the axis, the header row names the spectra, and rows whose first
 * cell is text (e.g. `label,chicken,pork`) are fields. `auto` takes rows when the header row has
 * numeric cells, columns when the first column is numeric below the header.
 */
export function parseDelimited(text: string, options: ParseDelimitedOptions): RawSpectra {
  return parseDelimitedRows(splitDelimited(text, options.source, options.delimiter, options.decimal).rows, options);
}

/** `parseDelimited` for text already split into rows. */
export function parseDelimitedRows(rows: TextRow[], options: ParseDelimitedOptions): RawSpectra {
  const { source } = options;
  const auto = options.orientation === undefined || options.orientation === 'auto';
  const xy = auto && isHeaderlessXy(rows);
  const orientation = !auto ? options.orientation! : xy ? 'columns' : detectOrientation(rows, source);
  const parsed = orientation === 'rows' ? parseRows(rows, source) : parseColumns(rows, source);
  if (xy) {
    // One spectrum, as a two-column export is: named after its file.
    parsed.names[0] = source.slice(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
    parsed.notes.unshift(`${source}: read as one spectrum (two numeric columns without a header: x, then intensity)`);
  } else if (auto) {
    parsed.notes.unshift(`${source}: spectra read as ${orientation} (${orientation === 'rows' ? 'numeric header row' : 'numeric first column'})`);
  }
  parsed.format = 'delimited';
  return parsed;
}

/** Rows looked at to tell a headerless two-column spectrum by its first column. */
const XY_PREFIX = 64;

/**
 * True for the usual one-spectrum export: two numbers per line from the first, the first column
 * strictly rising or falling (the axis) over the first lines. Read as rows, its first line
 * became a two-point axis.
 */
export function isHeaderlessXy(rows: readonly TextRow[]): boolean {
  if (rows.length < 3) return false;
  const head = rows.slice(0, XY_PREFIX);
  if (!head.every((row) => row.cells.length === 2 && isNumericCell(row.cells[0]!) && isNumericCell(row.cells[1]!))) return false;
  const x = head.map((row) => Number(row.cells[0]));
  const rising = x.every((v, i) => i === 0 || v > x[i - 1]!);
  const falling = x.every((v, i) => i === 0 || v < x[i - 1]!);
  return rising || falling;
}

/** How spectra are laid out, from the first rows (see parseDelimited). */
export function detectOrientation(rows: TextRow[], source: string): 'rows' | 'columns' {
  const header = rows[0].cells;
  const numericHeader = header.filter(isNumericCell).length;
  if (numericHeader >= 2 && numericHeader >= header.length / 2) return 'rows';
  const body = rows.slice(1);
  if (body.length > 0 && body.filter((row) => isNumericCell(row.first)).length >= Math.max(2, body.length / 2)) {
    return 'columns';
  }
  throw new Error(
    `${source}: cannot tell how spectra are laid out; expected a numeric header row (the axis: spectra as rows) ` +
      'or a numeric first column (the axis: spectra as columns); pass --orientation rows|columns',
  );
}

function parseRows(rows: TextRow[], source: string): RawSpectra {
  const header = rows[0].cells.map((cell) => cell.trim());
  const hasAxisHeader = header.some(isNumericCell);
  let meta = 0;
  const body = hasAxisHeader ? rows.slice(1) : rows;
  if (hasAxisHeader) {
    while (meta < header.length && !isNumericCell(header[meta])) meta++;
  } else {
    // No axis in the header: text columns are those whose first data cell is not a number.
    const first = rows[0].cells;
    while (meta < first.length && !isNumericCell(first[meta])) meta++;
  }
  const width = (hasAxisHeader ? header.length : rows[0].cells.length) - meta;
  if (width < 1) throw new Error(`${source}:${rows[0].line}: no numeric columns; expected intensities after the text columns`);
  const axis = hasAxisHeader
    ? Float64Array.from(header.slice(meta), (cell, j) => parseNumberCell(cell, `${source}:${rows[0].line}:${meta + j + 1} (axis header)`))
    : Float64Array.from({ length: width }, (_, j) => j + 1);
  const notes: string[] = hasAxisHeader ? [] : [`${source}: no numeric header row; the axis is the variable index 1..${width}`];
  const metaNames = hasAxisHeader ? header.slice(0, meta) : Array.from({ length: meta }, (_, j) => `column ${j + 1}`);
  const fields: Record<string, string[]> = {};
  metaNames.forEach((name) => (fields[name] = []));
  const nameColumn = metaNames.findIndex((name) => NAME_HEADERS.test(name));
  const out: RawSpectra = { source, names: [], axes: [], values: [], places: [], fields, notes };
  const headerLine = rows[0].line;
  if (hasAxisHeader) out.axisAt = (j) => `${source}:${headerLine}:${meta + j + 1} (axis header row)`;
  const texts: string[] = [];
  for (const row of body) {
    const values = new Float64Array(width);
    texts.length = 0;
    if (!readNumericRow(row, meta, values, texts)) {
      // The general path: quoted cells, or a problem to name.
      if (row.cells.length !== meta + width) {
        throw new Error(
          `${source}:${row.line}: row has ${row.cells.length} cells; expected ${meta + width} (${meta} text columns and ${width} values, as in the first row)`,
        );
      }
      for (let j = 0; j < width; j++) values[j] = parseNumberCell(row.cells[meta + j], `${source}:${row.line}:${meta + j + 1}`);
      texts.length = 0;
      for (let j = 0; j < meta; j++) texts.push(row.cells[j].trim());
    }
    metaNames.forEach((name, j) => fields[name].push(texts[j]!));
    out.names.push(nameColumn >= 0 ? texts[nameColumn]! : `line ${row.line}`);
    out.axes.push(axis);
    out.values.push(values);
    out.places.push(`${source}:${row.line}`);
  }
  if (out.values.length === 0) throw new Error(`${source}: a header row but no spectra; expected one spectrum per row below it`);
  return out;
}

function parseColumns(rows: TextRow[], source: string): RawSpectra {
  const headerIsNames = !isNumericCell(rows[0].first);
  const header = headerIsNames ? rows[0].cells.map((cell) => cell.trim()) : undefined;
  const width = rows[0].cells.length;
  if (width < 2) throw new Error(`${source}:${rows[0].line}: one column only; expected the axis and at least one spectrum column`);
  const n = width - 1;
  const body = headerIsNames ? rows.slice(1) : rows;
  const fields: Record<string, string[]> = {};
  // Numeric rows are read straight from their text (readNumericRow) into one block, row after
  // row; a file of 10 000 spectra as columns held every cell as a string before. Only rows long
  // enough for `width` numbers (and width - 1 delimiters) get room: a wide first row above many
  // short ones asked for rows x width values, far more than the text holds.
  const minLength = 2 * width - 1;
  let capacity = 0;
  for (const row of body) if (row.text.length >= minLength) capacity++;
  const block = new Float64Array(capacity * width);
  const lines: number[] = [];
  const unused: string[] = [];
  let m = 0;
  for (const row of body) {
    const at = m * width;
    if (m < capacity && readNumericRow(row, 0, block.subarray(at, at + width), unused)) {
      lines.push(row.line);
      m++;
      continue;
    }
    // The general path: text rows above the data (label, group) are fields; anything else is
    // named as an error.
    if (row.cells.length !== width) {
      throw new Error(`${source}:${row.line}: row has ${row.cells.length} cells; expected ${width}, as in the first row`);
    }
    const first = row.cells[0].trim();
    if (!isNumericCell(first) && m === 0) {
      fields[first] = row.cells.slice(1).map((cell) => cell.trim());
      continue;
    }
    const cells = row.cells.map((cell, s) => parseNumberCell(cell, s === 0 ? `${source}:${row.line}:1 (axis column)` : `${source}:${row.line}:${s + 1}`));
    // Every cell a number: the row is at least minLength long, so it was given room.
    block.set(cells, at);
    lines.push(row.line);
    m++;
  }
  if (m === 0) throw new Error(`${source}: no numeric rows; expected the axis in the first column and one spectrum per column`);
  const axis = Float64Array.from({ length: m }, (_, i) => block[i * width]!);
  const values = Array.from({ length: n }, (_, s) => {
    const column = new Float64Array(m);
    for (let i = 0; i < m; i++) column[i] = block[i * width + s + 1]!;
    return column;
  });
  return {
    source,
    names: Array.from({ length: n }, (_, s) => header?.[s + 1] || `column ${s + 2}`),
    axes: values.map(() => axis),
    values,
    places: Array.from({ length: n }, (_, s) => `${source} column ${s + 2}`),
    fields,
    axisAt: (i) => `${source}:${lines[i]}:1 (axis column)`,
    notes: [],
  };
}
