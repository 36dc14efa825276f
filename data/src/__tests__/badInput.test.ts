import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../loadDataset.js';
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

test('bad input: a header axis that is not monotonic is refused', async (t) => {
  const path = await fileWith(t, 'axis.csv', 'id,label,10,30,20\na,A,1,2,3\nb,B,4,5,6\n');
  await assert.rejects(loadDataset({ data: path }), (e: Error) => /not strictly monotonic/.test(e.message) && e.message.includes(path));
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
  await writeFile(join(dir, 'loose.txt'), '1\t2\n');
  await assert.rejects(loadDataset({ data: dir }), (e: Error) => /no spectra found/.test(e.message) && /1 files directly/.test(e.message));
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
