import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadDataset } from '../loadDataset.js';
import { readDatasetChunks } from '../readDatasetChunks.js';
import type { Dataset } from '../dataset.js';

/** JS heap plus typed-array buffers (kept outside the V8 heap, so heapUsed alone misses spectra). */
function heldBytes(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-chunks-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function collect(pieces: AsyncGenerator<Dataset>): Promise<Dataset[]> {
  const out: Dataset[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
}

test('readDatasetChunks: a row-per-spectrum file comes in pieces that together equal loadDataset', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'rows.csv');
  const rows = Array.from({ length: 10 }, (_, i) => `s${i},${i % 2 ? 'B' : 'A'},${i},${i + 1},${i + 2}`);
  await writeFile(file, `\uFEFF# exported\nid,label,400,500,600\n\n${rows.join('\r\n')}\r\n`);
  const pieces = await collect(readDatasetChunks({ data: file }, { chunk: 4, labelsRequired: false }));
  assert.deepEqual(pieces.map((p) => p.spectra.length), [4, 4, 2]);
  const whole = await loadDataset({ data: file }, { labelsRequired: false });
  assert.deepEqual(pieces.flatMap((p) => p.ids), whole.ids);
  assert.deepEqual(pieces.flatMap((p) => p.labels), whole.labels);
  assert.deepEqual(pieces.flatMap((p) => p.spectra.map((s) => Array.from(s))), whole.spectra.map((s) => Array.from(s)));
  for (const p of pieces) assert.deepEqual(Array.from(p.axis), [400, 500, 600]);
});

test('readDatasetChunks: a bad value deep in the file is reported with its line number in the file', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'bad.csv');
  const rows = Array.from({ length: 50 }, (_, i) => (i === 37 ? `s${i},1,abc,3` : `s${i},1,2,3`));
  await writeFile(file, `id,100,200,300\n${rows.join('\n')}\n`);
  // Header on line 1, row i on line i + 2: the bad row is line 39, third column.
  await assert.rejects(collect(readDatasetChunks({ data: file }, { chunk: 8, labelsRequired: false })), /bad\.csv:39:3/);
});

test('readDatasetChunks: spectra as columns come whole, as loadDataset reads them', async (t) => {
  const dir = await tempDir(t);
  const columns = join(dir, 'columns.csv');
  await writeFile(columns, 'wavenumber,a,b\n100,1,2\n200,3,4\n300,5,6\n');
  const pieces = await collect(readDatasetChunks({ data: columns }, { chunk: 1, labelsRequired: false }));
  assert.equal(pieces.length, 1);
  assert.deepEqual(pieces[0]!.ids, ['a', 'b']);
});

test('readDatasetChunks: a UCR file streams in pieces that together equal loadDataset, detected or named', async (t) => {
  const dir = await tempDir(t);
  const ucr = join(dir, 'data.tsv');
  const lines = Array.from({ length: 150 }, (_, i) => `${(i * 7) % 3}\t${i / 10}\t${i / 5}\t${i / 2}`);
  await writeFile(ucr, `${lines.slice(0, 70).join('\n')}\n# a comment\n\n${lines.slice(70).join('\n')}\n`);
  const whole = await loadDataset({ data: ucr });
  for (const format of [undefined, 'ucr'] as const) {
    const pieces = await collect(readDatasetChunks({ data: ucr, ...(format ? { format } : {}) }, { chunk: 40 }));
    assert.deepEqual(pieces.map((p) => p.spectra.length), [40, 40, 40, 30], `format ${format ?? 'auto'}`);
    assert.deepEqual(pieces.flatMap((p) => p.labels), whole.labels);
    assert.deepEqual(pieces.flatMap((p) => p.names), whole.names);
    assert.deepEqual(pieces.flatMap((p) => p.spectra.map((s) => Array.from(s))), whole.spectra.map((s) => Array.from(s)));
    for (const p of pieces) assert.deepEqual(Array.from(p.axis), [1, 2, 3]);
  }
  // A row of another width deep in the file is named by its line in the file (row 120 sits on
  // line 123, after the comment and the blank line).
  const bad = join(dir, 'bad.tsv');
  await writeFile(bad, `${lines.slice(0, 70).join('\n')}\n# a comment\n\n${lines.slice(70, 120).join('\n')}\n1\t0.5\t0.6\n`);
  await assert.rejects(collect(readDatasetChunks({ data: bad }, { chunk: 40 })), /bad\.tsv:123: row has 3 cells; expected 4/);
});

test('readDatasetChunks: an all-numeric file whose first column rises through the first lines is read whole', async (t) => {
  // The first 64 lines cannot tell UCR labels from an axis column here, so the whole-file reader
  // decides (and finds UCR: its labels fall back later).
  const dir = await tempDir(t);
  const file = join(dir, 'rising.tsv');
  const lines = Array.from({ length: 100 }, (_, i) => `${i < 80 ? i : 0}\t${i}\t${i + 1}`);
  await writeFile(file, `${lines.join('\n')}\n`);
  const pieces = await collect(readDatasetChunks({ data: file }, { chunk: 10 }));
  assert.equal(pieces.length, 1);
  assert.deepEqual(pieces[0]!.labels, (await loadDataset({ data: file })).labels);
});

test('readDatasetChunks: reading a 30 000-spectrum file holds one piece, not the file', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'large.csv');
  const p = 300;
  const out = createWriteStream(file);
  out.write(`id,${Array.from({ length: p }, (_, j) => 400 + j).join(',')}\n`);
  const row = Array.from({ length: p }, (_, j) => (1 + Math.sin(j / 7)).toFixed(5)).join(',');
  for (let i = 0; i < 30_000; i++) if (!out.write(`s${i},${row}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = heldBytes();
  let grown = 0;
  let count = 0;
  // Measured while pieces arrive, after collecting garbage: what the reader still holds.
  for await (const piece of readDatasetChunks({ data: file }, { chunk: 1024, labelsRequired: false })) {
    count += piece.spectra.length;
    gc();
    grown = Math.max(grown, (heldBytes() - before) / 2 ** 20);
  }
  assert.equal(count, 30_000);
  t.diagnostic(`memory held grew by at most ${grown.toFixed(1)} MiB while reading`);
  // Read as one piece the same file holds about 180 MiB (measured: 30 000 parsed rows, their cells and spectra).
  assert.ok(grown < 30, `memory held grew by ${grown.toFixed(1)} MiB; one piece of 1024 spectra needs a few MiB`);
});

test('readDatasetChunks: a folder comes a slice of its files at a time, together equal to loadDataset', async (t) => {
  const dir = await tempDir(t);
  // Same axis in every file, so each piece's common axis is the files' own.
  const axis = [400, 450, 500, 550];
  for (const [label, count] of [['beef', 4], ['pork', 3]] as const) {
    await mkdir(join(dir, label));
    for (let i = 1; i <= count; i++) {
      const lines = axis.map((x, j) => `${x}\t${(label === 'beef' ? 1 : 2) * (i + j)}`);
      await writeFile(join(dir, label, `${label}-${i}.txt`), `${lines.join('\n')}\n`);
    }
  }
  const pieces = await collect(readDatasetChunks({ data: dir }, { chunk: 3, labelsRequired: false }));
  assert.deepEqual(pieces.map((p) => p.spectra.length), [3, 3, 1]);
  const whole = await loadDataset({ data: dir }, { labelsRequired: false });
  assert.deepEqual(pieces.flatMap((p) => p.names), whole.names);
  assert.deepEqual(pieces.flatMap((p) => p.labels), whole.labels);
  assert.deepEqual(pieces.flatMap((p) => p.spectra.map((s) => Array.from(s))), whole.spectra.map((s) => Array.from(s)));
  for (const piece of pieces) assert.deepEqual(Array.from(piece.axis), Array.from(whole.axis));
  // A bad file is named, in whichever piece it falls.
  await writeFile(join(dir, 'pork', 'pork-2.txt'), '400\t1\n450\tabc\n');
  await assert.rejects(collect(readDatasetChunks({ data: dir }, { chunk: 3, labelsRequired: false })), /pork-2\.txt/);
});

test('readDatasetChunks: rows that fill whole pieces end without an empty last piece', async (t) => {
  // 6 spectra in pieces of 3 were refused as "a header row but no spectra" (found by the fuzz tests).
  const dir = await tempDir(t);
  const file = join(dir, 'six.csv');
  await writeFile(file, `id,400,500\n${Array.from({ length: 6 }, (_, i) => `s${i},${i},${i + 1}`).join('\n')}\n`);
  const pieces = await collect(readDatasetChunks({ data: file }, { chunk: 3, labelsRequired: false }));
  assert.deepEqual(pieces.map((p) => p.ids), [['s0', 's1', 's2'], ['s3', 's4', 's5']]);
  // A header alone is still refused, naming what is missing.
  const header = join(dir, 'header.csv');
  await writeFile(header, 'id,400,500\n');
  await assert.rejects(collect(readDatasetChunks({ data: header, format: 'delimited', orientation: 'rows' }, { labelsRequired: false })), /a header row but no spectra/);
});
