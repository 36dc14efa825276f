import { readFile } from 'node:fs/promises';
import { assertTextBytes } from '../parse/textCheck.js';

/**
 * A whole text file as a string, refused by name when it is not text (binary, UTF-16: see
 * notTextReason) or too long for one string. `expected` says what the file should hold.
 */
export async function readTextFile(path: string, expected: string): Promise<string> {
  const bytes = await readFile(path);
  assertTextBytes(bytes, path, expected);
  try {
    return bytes.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw error;
    throw new Error(
      `${path}: ${bytes.length} bytes, more text than one string can hold (about 512 Mi characters); expected a smaller file ` +
        '(predict and explain read a file with one spectrum per row a piece at a time)',
      { cause: error },
    );
  }
}
