import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../loadDataset.js';
import { readDatasetChunks } from '../readDatasetChunks.js';
import type { ReaderOptions } from '../readerOptions.js';

async function fileWith(t: { after: (fn: () => Promise<void>) => void }, name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const rows = (body: string) => `id,label,10,20,30\n${body}`;

test('bad input: an empty file is refused, naming the file', async (t) => {
  const path = await fileWith(t, 'empty.csv', '\n  \n');
  await assert.rejects(loadDataset({ data: path }), (e: Error) => e.message.includes(path) && /empty/.test(e.message));
});

test('bad input: a non-numeric cell names file, line and column', async (t) => {
  const path = await fileWith(t, 'cell.csv', rows('a,A,1,2,3\nb,B,4,x5,6\n'));
  await assert.rejects(loadDataset({ data: path }), (e: Error) => e.message.includes(`${path}:3:4`) && /"x5" is not a number/.test(e.message));
});

test('bad input: NaN and infinite values are refused with their place', async (t) => {
  const nan = await fileWith(t, 'nan.csv', rows('a,A,1,NaN,3\nb,B,4,5,6\n'));
  await assert.rejects(loadDataset({ data: nan }), (e: Error) => e.message.includes(`${nan}:2:4`) && /NaN/.test(e.message));
  const inf = await fileWith(t, 'inf.csv', rows('a,A,1,2,3\nb,B,4,5,-Infinity\n'));
  await assert.rejects(loadDataset({ data: inf }), (e: Error) => e.message.includes(`${inf}:3:5`) && /infinite/.test(e.message));
});

test('bad input: rows of unequal length say the line and the expected count', async (t) => {
  const path = await fileWith(t, 'ragged.csv', rows('a,A,1,2,3\nb,B,4,5\n'));
  await assert.rejects(loadDataset({ data: path }), (e: Error) => e.message.includes(`${path}:3`) && /4 cells; expected 5/.test(e.message));
});

test('bad input: a header axis that is not monotonic is refused at its place in the header row (line 1), not at the first spectrum', async (t) => {
  const path = await fileWith(t, 'axis.csv', 'id,label,10,30,20\na,A,1,2,3\nb,B,4,5,6\n');
  // The third axis value (20) sits in column 5 of line 1.
  await assert.rejects(loadDataset({ data: path }), (e: Error) => e.message.startsWith(`${path}:1:5 (axis header row): axis is not strictly monotonic at value 3 (30 then 20)`));
  // Read in pieces, the header still is line 1 (after a comment line it is line 2).
  const streamed = await fileWith(t, 'axis-streamed.csv', '# exported\nid,10,30,20\na,1,2,3\nb,4,5,6\n');
  await assert.rejects(async () => {
    for await (const piece of readDatasetChunks({ data: streamed }, { labelsRequired: false, chunk: 1 })) void piece;
  }, (e: Error) => e.message.startsWith(`${streamed}:2:4 (axis header row): axis is not strictly monotonic`));
});

test('bad input: an axis column that is not monotonic is refused at its line in column 1, not at the first spectrum column', async (t) => {
  // Header on line 1, a label row on line 2, the axis 100, 300, 200 on lines 3-5 (a blank line before the last).
  const path = await fileWith(t, 'axis-col.csv', 'wn,s1,s2\nlabel,A,B\n100,1,2\n300,3,4\n\n200,5,6\n');
  await assert.rejects(loadDataset({ data: path }), (e: Error) => e.message.startsWith(`${path}:6:1 (axis column): axis is not strictly monotonic at value 3 (300 then 200)`));
  // A non-finite axis value names its own line.
  const inf = await fileWith(t, 'axis-inf.csv', 'wn,s1,s2\n100,1,2\n1e999,3,4\n300,5,6\n');
  await assert.rejects(loadDataset({ data: inf }, { labelsRequired: false }), (e: Error) => e.message.includes(`${inf}:3:1`));
});

test('bad input: a two-column file whose axis is not monotonic is refused at the line of the value, and a given UCR axis by name', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'A'));
  await mkdir(join(dir, 'B'));
  await writeFile(join(dir, 'A', 'a.txt'), 'shift\tcounts\n100\t1\n200\t2\n300\t3\n');
  // A header line, then 100, 200, 150: the bad value sits on line 4.
  await writeFile(join(dir, 'B', 'b.txt'), 'shift\tcounts\n100\t1\n200\t2\n150\t3\n');
  await assert.rejects(loadDataset({ data: dir }), (e: Error) => e.message.startsWith(`${join(dir, 'B', 'b.txt')}:4:1: axis is not strictly monotonic (200 then 150)`));
  const ucr = await fileWith(t, 'u.tsv', '1\t0.1\t0.2\t0.3\n2\t0.4\t0.5\t0.6\n1\t0.7\t0.8\t0.9\n');
  await assert.rejects(loadDataset({ data: ucr, axis: [3, 1, 2] }), (e: Error) => e.message.startsWith(`${ucr} (the axis given in the options): axis is not strictly monotonic at value 3`));
});

test('bad input: a wide first row over many short rows is refused by line, without room for rows x width values', async (t) => {
  // Before, spectra as columns asked for 200 001 x 100 000 values at once ("Invalid typed array length", no file named).
  const header = ['wn', ...Array.from({ length: 200_000 }, (_, i) => `s${i + 1}`)].join(',');
  const path = await fileWith(t, 'wide.csv', `${header}\n${'1\n'.repeat(100_000)}`);
  const before = process.memoryUsage().rss;
  await assert.rejects(loadDataset({ data: path, orientation: 'columns' }), (e: Error) => e.message.startsWith(`${path}:2: row has 1 cells; expected 200001`));
  assert.ok(process.memoryUsage().rss - before < 256 * 2 ** 20);
});

test('bad input: one class only is refused', async (t) => {
  const path = await fileWith(t, 'one.csv', rows('a,A,1,2,3\nb,A,4,5,6\n'));
  await assert.rejects(loadDataset({ data: path }), /only one class \(A\)/);
});

test('bad input: an unknown reader format is refused, listing the known ones', async (t) => {
  const path = await fileWith(t, 'x.csv', rows('a,A,1,2,3\nb,B,4,5,6\n'));
  await assert.rejects(loadDataset({ data: path, format: 'xlsx' as ReaderOptions['format'] }), /unknown reader format "xlsx"; expected one of auto, delimited, ucr, folder/);
});

test('bad input: label and group patterns that match nothing are refused', async (t) => {
  const path = await fileWith(t, 'p.csv', 'id,10,20\nfoo_1,1,2\nbar_1,3,4\n');
  await assert.rejects(loadDataset({ data: path, labelPattern: '^zzz(\\w+)' }), /label-pattern .* matches none of the 2 sample names/);
  await assert.rejects(loadDataset({ data: path, labelPattern: '^(\\w+)_', groupPattern: '^q' }), /group-pattern .* matches none/);
});

test('bad input: a folder with no spectra is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-bad-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'A'));
  await writeFile(join(dir, 'notes.md'), '# notes\n');
  // An empty class folder and no file that holds spectra by its name (loose .txt files would be read as unlabelled spectra).
  await assert.rejects(loadDataset({ data: dir }), (e: Error) => /no spectra found/.test(e.message) && /the 1 files in .* are none of these by their names/.test(e.message));
});

test('bad input: data without any label source asks for a label option', async (t) => {
  const path = await fileWith(t, 'nolabel.csv', 'id,10,20\nfoo,1,2\nbar,3,4\n');
  await assert.rejects(loadDataset({ data: path }), /no labels: .*--label-column, --labels FILE or --label-pattern/);
});

test('bad input: spectra as columns name the line and column of a bad cell, a short row, or a text row among the data', async (t) => {
  const columns = (body: string) => `wn,s1,s2\nlabel,A,B\n${body}`;
  const cell = await fileWith(t, 'cols-cell.csv', columns('100,1,2\n200,3,x4\n300,5,6\n'));
  await assert.rejects(loadDataset({ data: cell }), (e: Error) => e.message.includes(`${cell}:4:3`) && /"x4" is not a number/.test(e.message));
  const short = await fileWith(t, 'cols-short.csv', columns('100,1,2\n200,3\n'));
  await assert.rejects(loadDataset({ data: short }), (e: Error) => e.message.includes(`${short}:4`) && /2 cells; expected 3/.test(e.message));
  const late = await fileWith(t, 'cols-late.csv', columns('100,1,2\ngroup,g1,g2\n300,5,6\n'));
  await assert.rejects(loadDataset({ data: late }), (e: Error) => e.message.includes(`${late}:4:1 (axis column)`) && /"group" is not a number/.test(e.message));
  // And a good one reads as before: labels from the text row above the data.
  const good = await fileWith(t, 'cols-good.csv', columns('100,1,2\n200,3,4\n'));
  const data = await loadDataset({ data: good });
  assert.deepEqual(data.labels, ['A', 'B']);
  assert.deepEqual(Array.from(data.spectra[1]!), [2, 4]);
});
