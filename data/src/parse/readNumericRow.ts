import type { TextRow } from './splitDelimited.js';

/** Exact powers of ten: every 10^k with k <= 22 is a double. */
const POWERS = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const DOT = 46;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const PLUS = 43;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * Reads a row of `skip` text cells followed by `values.length` numbers straight from its text,
 * without a string per cell: the text cells (trimmed) go to `texts`, the numbers to `values`.
 * Returns false, having read nothing reliable, where the row needs the general path: a quoted
 * cell, another number of cells, or a cell that is not a finite number. The caller then parses
 * `row.cells`, which names the problem as before; so a row reads the same either way, only
 * faster here.
 *
 * A number of at most 15 significant digits and at most 22 decimals is m / 10^k with m and 10^k
 * exact doubles, so one division rounds it exactly as Number() does (Clinger's fast path); any
 * other cell goes through Number() on its text.
 */
export function readNumericRow(row: TextRow, skip: number, values: Float64Array, texts: string[]): boolean {
  const { text, delimiter } = row;
  // ' ' stands for runs of whitespace (splitLine); only spaces and tabs are read here.
  const spaced = delimiter === ' ';
  if (delimiter.length !== 1 || text.includes('"')) return false;
  const d = spaced ? SPACE : delimiter.charCodeAt(0);
  // A decimal comma is read as the point is (the delimiter is then never a comma).
  const mark = row.decimal === ',' ? COMMA : DOT;
  const n = text.length;
  let pos = spaced ? skipBlanks(text, 0, n) : 0;
  for (let k = 0; k < skip; k++) {
    const end = cellEnd(text, pos, d, n, spaced);
    if (end >= n) return false;
    texts.push(text.slice(pos, end).trim());
    pos = spaced ? skipBlanks(text, end, n) : end + 1;
  }
  const width = values.length;
  for (let j = 0; j < width; j++) {
    if (pos > n || (spaced && pos === n)) return false;
    let i = pos;
    let ch = text.charCodeAt(i);
    let negative = false;
    if (ch === MINUS) {
      negative = true;
      ch = text.charCodeAt(++i);
    } else if (ch === PLUS) ch = text.charCodeAt(++i);
    let m = 0;
    let digits = 0;
    let decimals = 0;
    let any = false;
    while (ch >= ZERO && ch <= NINE) {
      // Leading zeros are not significant digits.
      if (digits > 0 || ch !== ZERO) {
        m = m * 10 + (ch - ZERO);
        digits++;
      }
      any = true;
      ch = text.charCodeAt(++i);
    }
    if (ch === mark) {
      ch = text.charCodeAt(++i);
      while (ch >= ZERO && ch <= NINE) {
        if (digits > 0 || ch !== ZERO) {
          m = m * 10 + (ch - ZERO);
          digits++;
        }
        decimals++;
        any = true;
        ch = text.charCodeAt(++i);
      }
    }
    let exponent = 0;
    let plain = any && digits <= 15;
    if (plain && (ch === LOWER_E || ch === UPPER_E)) {
      ch = text.charCodeAt(++i);
      let sign = 1;
      if (ch === MINUS) {
        sign = -1;
        ch = text.charCodeAt(++i);
      } else if (ch === PLUS) ch = text.charCodeAt(++i);
      let e = 0;
      plain = ch >= ZERO && ch <= NINE;
      while (ch >= ZERO && ch <= NINE && e < 1000) {
        e = e * 10 + (ch - ZERO);
        ch = text.charCodeAt(++i);
      }
      exponent = sign * e;
    }
    const scale = exponent - decimals;
    const ended = i === n || ch === d || (spaced && ch === TAB);
    let value: number;
    if (plain && ended && scale >= -22 && scale <= 22) {
      const v = scale < 0 ? m / POWERS[-scale]! : m * POWERS[scale]!;
      value = negative ? -v : v;
    } else {
      i = cellEnd(text, pos, d, n, spaced);
      const cell = text.slice(pos, i).trim();
      value = cell === '' ? NaN : Number(mark === COMMA ? cell.replace(',', '.') : cell);
    }
    if (value - value !== 0) return false;
    values[j] = value;
    pos = spaced ? skipBlanks(text, i, n) : i + 1;
  }
  // All cells read: the line ends here, or (delimited) in one trailing empty cell, as spreadsheets
  // export them.
  if (spaced) return pos === n;
  return pos > n || text.slice(pos).trim() === '';
}

/** End (exclusive) of the cell starting at `pos`: the next delimiter (space or tab when spaced). */
function cellEnd(text: string, pos: number, d: number, n: number, spaced: boolean): number {
  for (let i = pos; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === d || (spaced && ch === TAB)) return i;
  }
  return n;
}

/** The first position at or after `pos` that is not a space or tab. */
function skipBlanks(text: string, pos: number, n: number): number {
  while (pos < n) {
    const ch = text.charCodeAt(pos);
    if (ch !== SPACE && ch !== TAB) break;
    pos++;
  }
  return pos;
}
