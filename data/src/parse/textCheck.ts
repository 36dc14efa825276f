import { TEXT_PROBE_BYTES } from './limits.js';

/**
 * Why the first codes of a file (bytes, or the characters of decoded text) are not UTF-8 or
 * latin-1 text, or undefined when they may be: UTF-16 (a byte-order mark, or a NUL beside every
 * other character) or binary (NUL or control codes). Without this, a UTF-16 or binary file read
 * as text failed much later with a misleading message (orientation, a number not read).
 */
export function notTextReason(codes: ArrayLike<number>): { kind: 'utf-16' | 'binary'; why: string } | undefined {
  const n = Math.min(codes.length, TEXT_PROBE_BYTES);
  if (n === 0) return undefined;
  const a = codes[0]!;
  const b = n > 1 ? codes[1]! : -1;
  // FF FE / FE FF as bytes or latin-1 characters; decoded as UTF-8 they became two U+FFFD.
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    return { kind: 'utf-16', why: `it starts with the byte-order mark ${hex(a)} ${hex(b)}` };
  }
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if ((c < 32 && !(c >= 9 && c <= 13) && c !== 26) || c === 127) control++;
  }
  const half = n / 2;
  if (a === 0xfffd && b === 0xfffd && nulEven + nulOdd > 0) return { kind: 'utf-16', why: 'it starts with a UTF-16 byte-order mark' };
  // ASCII in UTF-16 puts a NUL beside every character.
  if (n >= 4 && Math.max(nulEven, nulOdd) >= 0.4 * half && Math.min(nulEven, nulOdd) <= 0.05 * half) {
    return { kind: 'utf-16', why: `every other byte of its first ${n} is NUL` };
  }
  const bad = nulEven + nulOdd + control;
  if (bad * 100 > n || nulEven + nulOdd >= 4) return { kind: 'binary', why: `${bad} of its first ${n} bytes are NUL or control codes` };
  return undefined;
}

/** Refuses bytes that are not text (see notTextReason), naming `source` and what was `expected`. */
export function assertTextBytes(bytes: Uint8Array, source: string, expected: string): void {
  const problem = notTextReason(bytes.subarray(0, TEXT_PROBE_BYTES));
  if (problem) throw notTextError(source, problem, expected);
}

/** assertTextBytes for text already decoded (a file dropped in a browser, a string handed in). */
export function assertTextString(text: string, source: string, expected: string): void {
  const n = Math.min(text.length, TEXT_PROBE_BYTES);
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
  const problem = notTextReason(codes);
  if (problem) throw notTextError(source, problem, expected);
}

function notTextError(source: string, problem: { kind: 'utf-16' | 'binary'; why: string }, expected: string): Error {
  if (problem.kind === 'utf-16') {
    return new Error(
      `${source}: looks like UTF-16 text (${problem.why}); expected ${expected} encoded as UTF-8: save it again as UTF-8 ` +
        '(in a spreadsheet: "CSV UTF-8"; in a text editor: encoding UTF-8) and read that file',
    );
  }
  return new Error(`${source}: not a text file (${problem.why}); expected ${expected}`);
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
