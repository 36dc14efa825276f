import type { Dataset } from './dataset.js';
import type { ReaderOptions } from './readerOptions.js';
import { assembleOptions, fileReader, loadDataset, type LoadOptions } from './loadDataset.js';
import { assembleDataset } from './parse/assembleDataset.js';
import { parseUcrRows } from './parse/parseUcr.js';
import { detectOrientation, parseDelimitedRows } from './parse/parseDelimited.js';
import { isDataLine, splitLines, type TextLine } from './parse/splitDelimited.js';
import { isNumericCell } from './parse/parseNumberCell.js';
import { isDirectory, listFolder, readFolderFiles } from './readFolder.js';
import { detectRowsFormat } from './detectFormat.js';
import { readLines } from './io/readLines.js';

export interface ChunkOptions extends LoadOptions {
  /**
   * Spectra per piece. @default about 2^20 values per piece (605 spectra of 1733 variables,
   * 2340 of 448): parsing a row costs a string per cell, about 80 bytes per value while it lasts.
   */
  chunk?: number;
}

/** Lines read before deciding that an all-numeric file is UCR (labels first) and can stream. */
const UCR_PREFIX = 64;

/**
 * The data set in pieces of at most `chunk` spectra, for predicting or explaining files larger
 * than memory. A delimited file with one spectrum per row, and a UCR file, are read line by line
 * and never held whole: each piece is the next rows (with the header, for a delimited file),
 * parsed and assembled as loadDataset would (labels, ids, axis; error messages keep the file's
 * line numbers). A folder is read a slice of its files at a time (each piece resampled onto its
 * own common axis, as a whole folder would be). Spectra as columns need the whole file and come as
 * one piece. Sample names are made unique within a piece only.
 */
export async function* readDatasetChunks(options: ReaderOptions, load: ChunkOptions = {}): AsyncGenerator<Dataset> {
  if (load.chunk !== undefined && !(Number.isInteger(load.chunk) && load.chunk >= 1)) {
    throw new RangeError(`chunk ${load.chunk}: expected a whole number of spectra >= 1`);
  }
  const format = options.format ?? 'auto';
  const folder = await isDirectory(options.data);
  if (folder && (format === 'auto' || format === 'folder')) {
    yield* folderChunks(options, load);
    return;
  }
  const streamable =
    (format === 'auto' || format === 'delimited' || format === 'ucr') && options.orientation !== 'columns' && !folder && (await fileReader(options.data, format)) === undefined;
  if (!streamable) {
    yield await loadDataset(options, load);
    return;
  }
  const source = options.data;
  const lines = dataLines(source);
  try {
    const assemble = await assembleOptions(options, load);
    const first = await lines.next();
    if (first.done) throw new Error(`${source}: the file is empty; expected spectra as delimited text`);
    const head = first.value;
    const split = splitLines([head], source, options.delimiter, options.decimal);
    const delimiter = split.delimiter;
    let decimal = split.decimal;
    const width = split.rows[0]!.cells.length;
    const chunk = load.chunk ?? Math.max(16, Math.floor(2 ** 20 / Math.max(1, width)));
    let kind: 'rows' | 'ucr' | 'whole' = format === 'ucr' ? 'ucr' : options.orientation === 'rows' && format === 'delimited' ? 'rows' : 'whole';
    const buffered: TextLine[] = [];
    if (kind === 'whole') {
      const second = await lines.next();
      if (!second.done) buffered.push(second.value);
      // A text header says nothing of the decimal mark: the first data line does.
      decimal = splitLines([head, ...buffered], source, delimiter, options.decimal).decimal;
      if (!split.rows[0]!.cells.every(isNumericCell)) {
        // A header with text cells and a numeric axis marks one spectrum per row.
        try {
          if (buffered.length > 0 && detectOrientation(splitLines([head, ...buffered], source, delimiter, decimal).rows, source) === 'rows') kind = 'rows';
        } catch {
          // Not recognisable from two lines: the whole-file reader decides, and names the problem.
        }
      } else if (format === 'auto') {
        // All numbers from the first line: UCR when the first column is not an axis, which the
        // first lines can settle; when they cannot, the whole file decides.
        while (buffered.length + 1 < UCR_PREFIX) {
          const next = await lines.next();
          if (next.done) break;
          buffered.push(next.value);
        }
        if (detectRowsFormat(splitLines([head, ...buffered], source, delimiter, decimal).rows) === 'ucr') kind = 'ucr';
      }
    }
    if (kind === 'whole') {
      await lines.return(undefined);
      yield await loadDataset(options, load);
      return;
    }
    const piece = (rows: TextLine[]): Dataset => {
      if (kind === 'ucr') {
        const parsed = splitLines(rows, source, delimiter, decimal).rows;
        return assembleDataset(parseUcrRows(parsed, { source, axis: options.axis, delimiter, width: width - 1 }), assemble);
      }
      const parsed = splitLines([head, ...rows], source, delimiter, decimal).rows;
      return assembleDataset(parseDelimitedRows(parsed, { source, orientation: 'rows', delimiter }), assemble);
    };
    let rows: TextLine[] = kind === 'ucr' ? [head, ...buffered] : buffered;
    let pieces = 0;
    while (rows.length >= chunk) {
      yield piece(rows.slice(0, chunk));
      pieces++;
      rows = rows.slice(chunk);
    }
    for await (const line of lines) {
      rows.push(line);
      if (rows.length >= chunk) {
        yield piece(rows);
        pieces++;
        rows = [];
      }
    }
    // A header alone still goes to the parser, which names what is missing; a file whose rows
    // fill whole pieces has nothing left (it was refused as "a header row but no spectra").
    if (rows.length > 0 || (kind === 'rows' && pieces === 0)) yield piece(rows);
  } finally {
    await lines.return(undefined);
  }
}

/** Files per piece of a folder data set, when `chunk` is not given. */
const FOLDER_CHUNK = 512;

/** A folder data set a slice of its files at a time (see listFolder); each piece has its own common axis. */
async function* folderChunks(options: ReaderOptions, load: ChunkOptions): AsyncGenerator<Dataset> {
  const source = options.data;
  const files = await listFolder(source);
  const assemble = await assembleOptions(options, load);
  const chunk = load.chunk ?? FOLDER_CHUNK;
  for (let start = 0; start < files.length; start += chunk) {
    yield assembleDataset(await readFolderFiles(source, files.slice(start, start + chunk)), assemble);
  }
}

/** The data lines of a text file (blank lines and # comments skipped), with their line numbers. */
async function* dataLines(path: string): AsyncGenerator<TextLine> {
  let number = 0;
  for await (const raw of readLines(path, { expected: 'delimited text (CSV, TSV) or a UCR file' })) {
    number++;
    const text = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (isDataLine(text)) yield { line: number, text };
  }
}
