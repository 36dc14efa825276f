import { JCAMP_MAX_POINTS, JCAMP_POINTS_PER_CHAR } from './limits.js';

/** The most points a JCAMP-DX text of `length` characters may hold (see JCAMP_POINTS_PER_CHAR). */
export function jcampPointCap(length: number): number {
  return Math.min(JCAMP_MAX_POINTS, JCAMP_POINTS_PER_CHAR * length);
}

/**
 * Refuses, before jcampconverter expands anything, a JCAMP-DX text whose counts cannot be true
 * for its length: ##NPOINTS beyond jcampPointCap, a `(a..b)` value range beyond the text, or
 * DUP counts in compressed data (JCAMP-DX 4.24, ASDF: S-Z and s start a DUP count 1-9) that
 * would repeat values past the declared ##NPOINTS (or the cap). One 198-byte file carried a DUP
 * count of 8 999 999 999, and V8 died expanding it. Errors name the file and the line.
 */
export function checkJcampSize(text: string, source: string): void {
  const length = text.length;
  const cap = jcampPointCap(length);
  let declared: number | undefined;
  let inData = false;
  let blockRepeats = 0;
  let totalRepeats = 0;
  let line = 0;
  for (let pos = 0; pos <= length; ) {
    let end = pos;
    while (end < length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    line++;
    let at = pos;
    while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
    if (text.startsWith('##', at)) {
      const record = text.slice(at + 2, end);
      const eq = record.indexOf('=');
      const label = (eq < 0 ? record : record.slice(0, eq)).replace(/[ _-]/g, '').toUpperCase();
      const value = eq < 0 ? '' : record.slice(eq + 1).replace(/\$\$.*$/, '').trim();
      inData = label === 'XYDATA' || label === 'DATATABLE';
      blockRepeats = 0;
      if (label === 'TITLE') declared = undefined;
      else if (label === 'NPOINTS') declared = checkNpoints(value, cap, `${source}:${line}`, length);
      checkRange(label, value, length, `${source}:${line}`);
    } else if (inData) {
      const repeats = dupRepeats(text, at, end, cap);
      if (repeats > 0) {
        blockRepeats += repeats;
        totalRepeats += repeats;
        const limit = declared ?? cap;
        if (blockRepeats > limit || totalRepeats > cap) {
          const what = declared !== undefined ? `the ${declared} points ##NPOINTS declares` : `the ${cap} points a text of ${length} characters may hold`;
          throw new Error(
            `${source}:${line}: DUP counts (S-Z, s) in the compressed data repeat values ${blockRepeats > cap ? `more than ${cap}` : blockRepeats} times ` +
              `by this line, more than ${what}; expected DUP counts within the declared points (a corrupted file?)`,
          );
        }
      }
    }
    // \r\n ends one line.
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

function checkNpoints(value: string, cap: number, place: string, length: number): number {
  const n = Number(value);
  if (value === '' || !Number.isInteger(n) || n < 0) throw new Error(`${place}: ##NPOINTS=${truncate(value)} is not a whole number; expected ##NPOINTS=<number of points>`);
  if (n > cap) {
    throw new Error(`${place}: ##NPOINTS=${n} is more than a JCAMP-DX text of ${length} characters may hold (at most ${cap} points); expected the number of points below it (a corrupted file?)`);
  }
  return n;
}

/** `##$NAME=(0..N)` lists N+1 values on the following lines; jcampconverter makes a field of each. */
function checkRange(label: string, value: string, length: number, place: string): void {
  const range = /^\((\d+)\.\.(\d+)\)/.exec(value);
  if (!range) return;
  const count = Number(range[2]) - Number(range[1]) + 1;
  if (count > length) {
    throw new Error(`${place}: ##${label}=(${truncate(range[1]!)}..${truncate(range[2]!)}) declares ${count} values, more than the ${length} characters of the file hold; expected a range as long as its values (a corrupted file?)`);
  }
}

/**
 * The values that DUP counts on one data line add (a DUP count k repeats the value before it k-1
 * more times), as jcampconverter reads them: the DUP digit, then further digits; stops counting
 * past `cap`. `$$` starts a comment.
 */
function dupRepeats(text: string, from: number, to: number, cap: number): number {
  let repeats = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 && text.charCodeAt(i + 1) === 36) break;
    if (!((c >= 83 && c <= 90) || c === 115)) continue;
    let count = c === 115 ? 9 : c - 82;
    while (i + 1 < to) {
      const d = text.charCodeAt(i + 1) - 48;
      if (d < 0 || d > 9) break;
      if (count <= cap) count = count * 10 + d;
      i++;
    }
    repeats += count - 1;
    if (repeats > cap) return repeats;
  }
  return repeats;
}

function truncate(text: string): string {
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
}
