import { createReadStream } from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE_CHARS } from '../parse/limits.js';
import { assertTextBytes } from '../parse/textCheck.js';

const LF = 10;
const CR = 13;

export interface ReadLinesOptions {
  /** Longest line accepted, in characters; a longer one is refused as soon as it is seen. @default MAX_LINE_CHARS (256 Mi) */
  maxLineChars?: number;
  /** What the file should hold, for the message refusing one that is not text. @default 'text' */
  expected?: string;
}

/**
 * The lines of a UTF-8 text file (without their \n, \r\n or \r), read a block at a time: the
 * stream's async iterator reads the next block only when the caller asks for more, so a slow
 * consumer holds one block, never the file. (readline's async iterator keeps reading ahead and
 * buffered a whole 1.4 GB file while its consumer explained spectra.) Refuses a file whose first
 * block is not text (binary, UTF-16) and a line longer than `maxLineChars`, naming file and line.
 */
export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<string> {
  const cap = options.maxLineChars ?? MAX_LINE_CHARS;
  const decoder = new StringDecoder('utf8');
  let decoded = false;
  let first = true;
  // The current line so far, in pieces joined once at its end: appending every block to one
  // string copied a 576 MB line again per block (88 s before V8 gave up on its length).
  let pieces: string[] = [];
  let held = 0;
  let line = 1;
  // The previous block ended with \r: a \n opening this block belongs to that line end.
  let afterCr = false;
  for await (const block of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = block as Buffer;
    if (first) assertTextBytes(bytes, path, options.expected ?? 'text');
    first = false;
    // Spectra files are mostly ASCII, which reads as latin1 at about twice the speed of UTF-8
    // decoding (250 against 600 ms for 139 MB). A block that is not ASCII (a name with an accent)
    // goes through the UTF-8 decoder, and so does the block after it, which may hold the end of
    // a character that block began.
    const ascii: boolean = !decoded && isAscii(bytes);
    decoded = !ascii;
    const text = ascii ? bytes.toString('latin1') : decoder.write(bytes);
    let start = 0;
    if (afterCr && text.length > 0) {
      if (text.charCodeAt(0) === LF) start = 1;
      afterCr = false;
    }
    // The next \r is looked up again only once passed: a file without one would otherwise be
    // searched to the block's end for every line.
    let cr = text.indexOf('\r', start);
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
      const stop = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (stop < 0) break;
      const tail = text.slice(start, stop);
      if (held + tail.length > cap) throw tooLong(path, line, cap);
      yield pieces.length === 0 ? tail : pieces.join('') + tail;
      pieces = [];
      held = 0;
      line++;
      if (text.charCodeAt(stop) === CR) {
        if (stop + 1 === text.length) afterCr = true;
        start = stop + (text.charCodeAt(stop + 1) === LF ? 2 : 1);
      } else start = stop + 1;
    }
    if (start < text.length) {
      const rest = text.slice(start);
      held += rest.length;
      if (held > cap) throw tooLong(path, line, cap);
      pieces.push(rest);
    }
  }
  const end = decoder.end();
  if (held > 0 || end.length > 0) yield pieces.join('') + end;
}

function tooLong(path: string, line: number, cap: number): Error {
  const size = cap >= 2 ** 20 ? `${cap / 2 ** 20} MiB` : `${cap} characters`;
  return new Error(
    `${path}:${line}: line ${line} runs past ${size} without a line break; expected lines of at most ${size} ` +
      '(one spectrum per line): a file without line breaks, or not text?',
  );
}
