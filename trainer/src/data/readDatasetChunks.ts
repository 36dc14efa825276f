import type { Dataset } from './dataset.js';
import type { ReaderOptions } from './readerOptions.js';
import { assembleOptions, loadDataset, type LoadOptions } from './loadDataset.js';
import { assembleDataset } from './parse/assembleDataset.js';
import { detectOrientation, parseDelimitedRows } from './parse/parseDelimited.js';
import { isDataLine, splitLines, type TextLine } from './parse/splitDelimited.js';
import { isNumericCell } from './parse/parseNumberCell.js';
import { isDirectory } from './readFolder.js';
import { readLines } from '../io/readLines.js';

export interface ChunkOptions extends LoadOptions {
  /**
   * Spectra per piece. @default about 2^20 values per piece (605 spectra of 1733 variables,
   * 2340 of 448): parsing a row costs a string per cell, about 80 bytes per value while it lasts.
   */
  chunk?: number;
}

/**
 * The data set in pieces of at most `chunk` spectra, for predicting or explaining files larger
 * than memory. A delimited file with one spectrum per row is read line by line and never held
 * whole: each piece is the header plus the next rows, parsed and assembled as loadDataset would
 * (labels, ids, axis; error messages keep the file's line numbers). Any other layout (spectra as
 * columns, UCR, folders) needs the whole file and comes as one piece. Sample names are made unique
 * within a piece only.
 */
export async function* readDatasetChunks(options: ReaderOptions, load: ChunkOptions = {}): AsyncGenerator<Dataset> {
  if (load.chunk !== undefined && !(Number.isInteger(load.chunk) && load.chunk >= 1)) {
    throw new RangeError(`chunk ${load.chunk}: expected a whole number of spectra >= 1`);
  }
  let chunk = load.chunk ?? 0;
  const format = options.format ?? 'auto';
  const streamable = (format === 'auto' || format === 'delimited') && options.orientation !== 'columns' && !(await isDirectory(options.data));
  if (!streamable) {
    yield await loadDataset(options, load);
    return;
  }
  const source = options.data;
  const lines = readLines(source);
  const assemble = await assembleOptions(options, load);
  let header: TextLine | undefined;
  let rows: TextLine[] = [];
  let delimiter = options.delimiter;
  let lineNumber = 0;
  let checked = false;
  const piece = (): Dataset => {
    const split = splitLines([header!, ...rows], source, delimiter);
    delimiter = split.delimiter;
    rows = [];
    return assembleDataset(parseDelimitedRows(split.rows, { source, orientation: 'rows', delimiter }), assemble);
  };
  try {
    for await (const raw of lines) {
      lineNumber++;
      const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!isDataLine(text)) continue;
      if (!header) {
        header = { line: lineNumber, text };
        continue;
      }
      rows.push({ line: lineNumber, text });
      if (!checked) {
        checked = true;
        // A header with text cells and a numeric axis marks one spectrum per row. An all-numeric
        // first line (UCR, or an axis without id columns) is told apart on the whole file.
        const first = splitLines([header, rows[0]!], source, delimiter).rows;
        let isRows = options.orientation === 'rows' && format === 'delimited';
        try {
          isRows ||= !first[0]!.cells.every(isNumericCell) && detectOrientation(first, source) === 'rows';
        } catch {
          // Not recognisable from two lines: the whole-file reader decides, and names the problem.
        }
        chunk ||= Math.max(16, Math.floor(2 ** 20 / Math.max(1, first[0]!.cells.length)));
        if (!isRows) {
          await lines.return(undefined);
          yield await loadDataset(options, load);
          return;
        }
      }
      if (rows.length >= chunk) yield piece();
    }
  } finally {
    await lines.return(undefined);
  }
  if (!header) throw new Error(`${source}: the file is empty; expected spectra as delimited text`);
  if (rows.length > 0 || !checked) yield piece();
}
