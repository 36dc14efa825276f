import { MAX_LINE_CHARS } from './limits.js';
import { assertTextString } from './textCheck.js';

/**
 * One non-blank line of a delimited text: its 1-based line number, its text and its cells. The
 * cells are split on first use: numeric rows are read straight from `text` (readNumericRow), and a
 * piece of 2^20 values held as cell strings cost more in garbage collection than in parsing.
 */
export class TextRow {
  private split: string[] | undefined;

  constructor(
    readonly line: number,
    readonly text: string,
    readonly delimiter: string,
    /** The decimal mark: with `,` the numeric cells come with `.` (text cells keep their commas). */
    readonly decimal: ',' | '.' = '.',
  ) {}

  get cells(): string[] {
    if (this.split) return this.split;
    const cells = splitLine(this.text, this.delimiter);
    if (this.decimal === ',') for (let j = 0; j < cells.length; j++) cells[j] = pointDecimal(cells[j]!);
    return (this.split = cells);
  }

  /** The first cell, as `cells[0]`, without splitting a plain row (orientation checks look at it on every row). */
  get first(): string {
    const { text, delimiter } = this;
    if (this.split || delimiter === ' ' || text.includes('"')) return this.cells[0] ?? '';
    const end = text.indexOf(delimiter);
    const cell = end < 0 ? text : text.slice(0, end);
    return this.decimal === ',' ? pointDecimal(cell) : cell;
  }
}

/** A number written with a decimal comma (`-51,25`, `1,5e-3`). */
const COMMA_NUMBER = /^\s*[+-]?\d*,\d+(?:[eE][+-]?\d+)?\s*$/;
/** A number written with a decimal point, for comparison. */
const POINT_NUMBER = /^\s*[+-]?\d*\.\d+(?:[eE][+-]?\d+)?\s*$/;
const INTEGER = /^\s*[+-]?\d+\s*$/;

/** `51,1259` -> `51.1259`; any other cell as it is. */
function pointDecimal(cell: string): string {
  return COMMA_NUMBER.test(cell) ? cell.replace(',', '.') : cell;
}

/**
 * `,` when the cells of the first lines read as numbers only with a decimal comma (and more of
 * them do so than with a point), else `.`. A comma delimiter rules decimal commas out.
 */
export function detectDecimal(lines: readonly TextLine[], delimiter: string): ',' | '.' {
  if (delimiter === ',') return '.';
  let comma = 0;
  let point = 0;
  for (const { text } of lines.slice(0, 16)) {
    for (const cell of splitLine(text, delimiter)) {
      if (COMMA_NUMBER.test(cell)) comma++;
      else if (POINT_NUMBER.test(cell)) point++;
    }
  }
  return comma > point ? ',' : '.';
}

/**
 * Picks the delimiter that splits the first line into the most cells: tab, semicolon or comma
 * (semicolon files usually have decimal commas elsewhere, so it is tried before comma).
 * Falls back to runs of whitespace for space-separated columns.
 */
export function detectDelimiter(firstLine: string): string {
  let best = '';
  let bestCount = 1;
  for (const candidate of ['\t', ';', ',']) {
    const count = firstLine.split(candidate).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  // `1700,78<TAB>51,1259`: more commas than tabs, yet the commas are decimal marks.
  if (best === ',') {
    for (const other of ['\t', ';', ' ']) if (commaNumbers(splitLine(firstLine, other))) return other;
  }
  return best === '' ? ' ' : best;
}

/** True for two or more cells, all numbers, some with a decimal comma: the line's true delimiter split it. */
function commaNumbers(cells: string[]): boolean {
  return cells.length >= 2 && cells.some((c) => COMMA_NUMBER.test(c)) && cells.every((c) => COMMA_NUMBER.test(c) || INTEGER.test(c));
}

/**
 * Splits text into rows of cells, skipping blank lines and `#` comment lines. Quoted cells
 * ("a,b") keep their delimiters. Throws on empty input, naming the source.
 */
export function splitDelimited(text: string, source: string, delimiter?: string, decimal?: ',' | '.'): { rows: TextRow[]; delimiter: string; decimal: ',' | '.' } {
  assertTextString(text, source, 'delimited text');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const kept: TextLine[] = [];
  lines.forEach((line, index) => {
    if (line.length > MAX_LINE_CHARS) {
      throw new Error(`${source}:${index + 1}: line ${index + 1} has ${line.length} characters; expected at most ${MAX_LINE_CHARS / 2 ** 20} MiB per line (one spectrum per line)`);
    }
    if (isDataLine(line)) kept.push({ line: index + 1, text: line });
  });
  return splitLines(kept, source, delimiter, decimal);
}

/** A line of a text file kept for parsing: its 1-based number and its text. */
export interface TextLine {
  line: number;
  text: string;
}

/** False for blank lines and `#` comments, which the readers skip. */
export function isDataLine(line: string): boolean {
  return line.trim() !== '' && !line.trimStart().startsWith('#');
}

/**
 * `splitDelimited` for lines already read (a file read piece by piece keeps its line numbers).
 * Without `decimal`, the first lines decide it (detectDecimal).
 */
export function splitLines(
  kept: readonly TextLine[],
  source: string,
  delimiter?: string,
  decimal?: ',' | '.',
): { rows: TextRow[]; delimiter: string; decimal: ',' | '.' } {
  if (kept.length === 0) throw new Error(`${source}: the file is empty; expected spectra as delimited text`);
  const used = delimiter ?? detectDelimiter(kept[0]!.text);
  const mark = decimal ?? detectDecimal(kept, used);
  const rows = kept.map(({ line, text: lineText }) => new TextRow(line, lineText, used, mark));
  return { rows, delimiter: used, decimal: mark };
}

function splitLine(line: string, delimiter: string): string[] {
  if (delimiter === ' ') return line.trim().split(/\s+/);
  if (!line.includes('"')) {
    const cells = line.split(delimiter);
    // A trailing delimiter (common in exported spreadsheets) is not an extra empty column.
    if (cells.length > 1 && cells[cells.length - 1].trim() === '') cells.pop();
    return cells;
  }
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      cells.push(cell);
      cell = '';
      i += delimiter.length - 1;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.length > 1 && cells[cells.length - 1].trim() === '') cells.pop();
  return cells;
}
