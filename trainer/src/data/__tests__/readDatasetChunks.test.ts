import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

test('readDatasetChunks: spectra as columns and UCR files come whole, as loadDataset reads them', async (t) => {
  const dir = await tempDir(t);
  const columns = join(dir, 'columns.csv');
  await writeFile(columns, 'wavenumber,a,b\n100,1,2\n200,3,4\n300,5,6\n');
  const pieces = await collect(readDatasetChunks({ data: columns }, { chunk: 1, labelsRequired: false }));
  assert.equal(pieces.length, 1);
  assert.deepEqual(pieces[0]!.ids, ['a', 'b']);
  const ucr = join(dir, 'data.tsv');
  await writeFile(ucr, '1\t0.1\t0.2\n2\t0.3\t0.4\n1\t0.5\t0.6\n2\t0.7\t0.8\n');
  const ucrPieces = await collect(readDatasetChunks({ data: ucr }, { chunk: 1 }));
  assert.equal(ucrPieces.length, 1);
  assert.deepEqual(ucrPieces[0]!.labels, ['1', '2', '1', '2']);
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
