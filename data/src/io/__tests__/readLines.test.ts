import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../readLines.js';
import { MAX_LINE_CHARS } from '../../parse/limits.js';

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

async function fileWith(t: { after: (fn: () => Promise<void>) => void }, content: string | Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-lines-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'text.csv');
  await writeFile(file, content);
  return file;
}

test('readLines: a line longer than the cap is refused as soon as it passes it, naming file and line', async (t) => {
  assert.equal(MAX_LINE_CHARS, 256 * 2 ** 20, 'the default cap: 256 Mi characters');
  const block = 1 << 20;
  // Line 3 runs over 5 blocks without a break; the cap is 2 MiB.
  const file = await fileWith(t, `a\r\nb\n${'c'.repeat(5 * block)}\nd\n`);
  const seen: string[] = [];
  await assert.rejects(
    async () => {
      for await (const line of readLines(file, { maxLineChars: 2 * block })) seen.push(line);
    },
    (e: Error) => e.message.startsWith(`${file}:3: line 3 runs past 2 MiB without a line break`) && /expected lines of at most 2 MiB/.test(e.message),
  );
  assert.deepEqual(seen, ['a', 'b']);
  // A line of exactly the cap passes.
  const exact = await fileWith(t, `${'x'.repeat(2 * block)}\r\ny`);
  const lines: string[] = [];
  for await (const line of readLines(exact, { maxLineChars: 2 * block })) lines.push(line);
  assert.deepEqual(lines.map((l) => l.length), [2 * block, 1]);
  // The end of a file without a final line break counts too.
  const tail = await fileWith(t, `ok\n${'z'.repeat(3 * block)}`);
  await assert.rejects(async () => {
    for await (const line of readLines(tail, { maxLineChars: block })) void line;
  }, new RegExp(`text\\.csv:2: line 2 runs past 1 MiB`));
});

test('readLines: a binary or UTF-16 file is refused on its first block, by name', async (t) => {
  const utf16 = await fileWith(t, new Uint8Array([0xff, 0xfe, ...Buffer.from('a,b\n1,2\n', 'utf16le')]));
  await assert.rejects(async () => {
    for await (const line of readLines(utf16, { expected: 'a table' })) void line;
  }, (e: Error) => e.message.startsWith(`${utf16}: looks like UTF-16 text`) && /expected a table encoded as UTF-8/.test(e.message));
  const binary = await fileWith(t, Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
  await assert.rejects(async () => {
    for await (const line of readLines(binary)) void line;
  }, (e: Error) => e.message.startsWith(`${binary}: not a text file`));
});
