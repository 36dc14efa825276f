import { createReadStream } from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a UTF-8 text file (without their \n, \r\n or \r), read a block at a time: the
 * stream's async iterator reads the next block only when the caller asks for more, so a slow
 * consumer holds one block, never the file. (readline's async iterator keeps reading ahead and
 * buffered a whole 1.4 GB file while its consumer explained spectra.)
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  let carry = '';
  const decoder = new StringDecoder('utf8');
  let decoded = false;
  for await (const block of createReadStream(path, { highWaterMark: 1 << 20 })) {
    // Spectra files are mostly ASCII, which reads as latin1 at about twice the speed of UTF-8
    // decoding (250 against 600 ms for 139 MB). A block that is not ASCII (a name with an accent)
    // goes through the UTF-8 decoder, and so does the block after it, which may hold the end of
    // a character that block began.
    const bytes = block as Buffer;
    const ascii: boolean = !decoded && isAscii(bytes);
    decoded = !ascii;
    let text = carry + (ascii ? bytes.toString('latin1') : decoder.write(bytes));
    // A block may end between \r and \n: keep a trailing \r for the next block.
    let end = text.length;
    if (text.endsWith('\r')) end--;
    let start = 0;
    // The next \r is looked up again only once passed: a file without one would otherwise be
    // searched to the block's end for every line.
    let cr = text.indexOf('\r');
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
      const stop = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (stop < 0 || stop >= end) break;
      yield text.slice(start, stop);
      start = stop + (text[stop] === '\r' && text[stop + 1] === '\n' ? 2 : 1);
    }
    carry = text.slice(start);
    text = '';
  }
  carry += decoder.end();
  if (carry.length > 0) {
    // A file ending in a lone \r: the \r ended the last line.
    yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
  }
}
