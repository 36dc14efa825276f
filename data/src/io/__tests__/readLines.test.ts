import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../readLines.js';

async function linesOf(t: { after: (fn: () => Promise<void>) => void }, content: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-lines-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'text.csv');
  await writeFile(file, content);
  const out: string[] = [];
  for await (const line of readLines(file)) out.push(line);
  return out;
}

test('readLines: \\n, \\r\\n and \\r endings, blank lines kept, no final empty line, multi-byte text intact', async (t) => {
  assert.deepEqual(await linesOf(t, 'a,b\nc\r\n\r\nd\re,é,µ\n'), ['a,b', 'c', '', 'd', 'e,é,µ']);
  assert.deepEqual(await linesOf(t, 'x\ny'), ['x', 'y']);
  assert.deepEqual(await linesOf(t, 'x\r'), ['x']);
});

test('readLines: a \\r\\n split across two blocks ends one line, and long files come whole', async (t) => {
  const block = 1 << 20;
  // The \r is the last character of the first block, its \n the first of the second.
  const first = 'a'.repeat(block - 1);
  const lines = await linesOf(t, `${first}\r\nnext\n${'b'.repeat(3 * block)}\nend`);
  assert.deepEqual(lines.map((l) => l.length), [block - 1, 4, 3 * block, 3]);
  assert.equal(lines[1], 'next');
});

test('readLines: ASCII blocks and UTF-8 blocks mix, also where a character spans two blocks', async (t) => {
  const block = 1 << 20;
  // 'é' is two bytes: its first is the last byte of block 1, its second the first of block 2;
  // block 3 is ASCII again, and 'µ' sits inside block 4.
  const first = 'a'.repeat(block - 1);
  const content = `${first}é${'b'.repeat(block - 2)}\n${'c'.repeat(block)}\nµ,1\nend`;
  const lines = await linesOf(t, content);
  assert.deepEqual(lines, [`${first}é${'b'.repeat(block - 2)}`, 'c'.repeat(block), 'µ,1', 'end']);
});
