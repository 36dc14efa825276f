import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { loadDataset } from '../loadDataset.js';
import { readDatasetChunks } from '../readDatasetChunks.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-coverage-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const twoColumn = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => `${from + i * step}\t${100 + i}`).join('\n');

test('folder: a truncated file is left out with a warning naming it and its range; the others keep their common axis', async (t) => {
  const dir = await tempDir(t);
  for (const c of ['A', 'B']) await mkdir(join(dir, c));
  await writeFile(join(dir, 'A', 'a1.txt'), twoColumn(200, 2000, 10));
  await writeFile(join(dir, 'A', 'a2.txt'), twoColumn(205, 2005, 10));
  await writeFile(join(dir, 'B', 'b1.txt'), twoColumn(200, 2000, 10));
  await writeFile(join(dir, 'B', 'b2.txt'), twoColumn(200, 700, 10));
  await writeFile(join(dir, 'B', 'b3.txt'), twoColumn(200, 2000, 10));
  const data = await loadDataset({ data: dir });
  assert.deepEqual(data.ids, ['a1.txt', 'a2.txt', 'b1.txt', 'b3.txt']);
  assert.deepEqual(data.labels, ['A', 'A', 'B', 'B']);
  assert.equal(data.axis[0], 205);
  assert.equal(data.axis[data.axis.length - 1], 2000);
  const warning = data.warnings.find((w) => w.startsWith('left out'));
  assert.ok(warning?.includes(`${join(dir, 'B', 'b2.txt')} (200..700)`), warning);
  assert.ok(data.warnings.some((w) => /low end set by .*a2\.txt/.test(w)), 'the resampling note names what bounds the range');
  // strict: the same folder is an error naming the file.
  await assert.rejects(loadDataset({ data: dir, strict: true }), (e: Error) => e.message.startsWith(`${join(dir, 'B', 'b2.txt')}: its axis covers only 200..700`));
  // In pieces, each piece decides on its own files.
  const pieces = [];
  for await (const piece of readDatasetChunks({ data: dir }, { chunk: 5 })) pieces.push(piece);
  assert.deepEqual(pieces.flatMap((p) => p.ids), data.ids);
});

test('saureus with one file cut to 290 lines: 247 spectra on 236.6-2106.4 cm-1 rather than all on 236.6-686.7', async (t) => {
  const source = join(sharedData.ramanDir, 'saureus');
  if (skipWithoutSharedData(t, source)) return;
  const dir = await tempDir(t);
  for (const c of ['MRSA', 'MSSA']) {
    await mkdir(join(dir, c));
    for (const f of await readdir(join(source, c))) await copyFile(join(source, c, f), join(dir, c, f));
  }
  const cut = join(dir, 'MSSA', (await readdir(join(dir, 'MSSA'))).sort()[4]!);
  await writeFile(cut, (await readFile(cut, 'utf8')).split('\n').slice(0, 290).join('\n'));
  const data = await loadDataset({ data: dir });
  assert.equal(data.spectra.length, 247);
  assert.ok(!data.ids.includes(cut.split('/').pop()!));
  assert.ok(Math.abs(data.axis[0]! - 236.617) < 1e-6);
  assert.ok(Math.abs(data.axis[data.axis.length - 1]! - 2106.41) < 0.01);
  assert.ok(data.warnings.some((w) => w.includes(cut) && /236\.617\.\.686\.653/.test(w)));
  await assert.rejects(loadDataset({ data: dir, strict: true }), (e: Error) => e.message.startsWith(`${cut}: its axis covers only 236.617..686.653`));
});
