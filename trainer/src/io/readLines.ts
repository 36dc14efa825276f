import { createReadStream } from 'node:fs';

/**
 * The lines of a UTF-8 text file (without their \n, \r\n or \r), read a block at a time: the
 * stream's async iterator reads the next block only when the caller asks for more, so a slow
 * consumer holds one block, never the file. (readline's async iterator keeps reading ahead and
 * buffered a whole 1.4 GB file while its consumer explained spectra.)
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  let carry = '';
  for await (const block of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    let text = carry + (block as string);
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
  if (carry.length > 0) {
    // A file ending in a lone \r: the \r ended the last line.
    yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
  }
}
