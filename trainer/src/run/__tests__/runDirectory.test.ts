import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../../backends/setBackend.js';
import { generateSynthetic } from '@spectracam/data';
import { trainRun } from '../../train/trainRun.js';
import { writeRun } from '../writeRun.js';
import { readRun } from '../readRun.js';
import { RUN_FILES } from '../runRecord.js';
import { memberLayer } from '../../model/ensembleModel.js';

const { dataset } = generateSynthetic({ seed: 4, spectra: 60 });
const options = { epochs: 2, batchSize: 16, seed: 2, kernels: [21, 11, 5] as [number, number, number], strides: [4, 4, 2] as [number, number, number] };

async function tempDir(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-run-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('trainRun: the record describes data, split, geometry, backend and metrics consistently', async () => {
  await setBackend('wasm');
  const { record, model } = await trainRun(dataset, options);
  assert.equal(record.status, 'complete');
  assert.equal(record.training.backend, 'wasm');
  assert.equal(record.data.spectra, 60);
  assert.match(record.data.sha256, /^[0-9a-f]{64}$/);
  const parts = [record.split.ids.train, record.split.ids.validation, record.split.ids.test];
  assert.equal(new Set(parts.flat()).size, 60, 'every spectrum in exactly one part');
  assert.deepEqual(parts.map((p) => p.length), [record.metrics.train.n, record.metrics.validation.n, record.metrics.test.n]);
  for (const m of Object.values(record.metrics)) assert.equal(m.confusion.flat().reduce((a, b) => a + b, 0), m.n);
  assert.deepEqual(record.model.geometry.layers.map((l) => l.kernel), options.kernels);
  assert.equal(record.model.geometry.layers[2].outputLength, (memberLayer(model, 'conv3').outputShape as number[])[1]);
  // Two epochs, or fewer when the first already separates both parts (fitModel stops there).
  const last = record.training.history.at(-1)!;
  assert.ok(record.training.epochsRun === 2 || (record.training.epochsRun === 1 && last.valAccuracy === 1 && last.accuracy === 1), `epochs run ${record.training.epochsRun}`);
  assert.equal(record.training.history.length, record.training.epochsRun);
  assert.ok(record.training.secondsPerEpoch > 0);
  model.dispose();
});

test('writeRun/readRun: a run directory round-trips the record and gives identical predictions', async (t) => {
  await setBackend('wasm');
  const dir = join(await tempDir(t), 'run');
  const { record, model, features } = await trainRun(dataset, options);
  await writeRun(dir, record, model, { features });
  assert.deepEqual((await readdir(dir)).sort(), ['features', 'model', 'run.json']);
  const back = await readRun(dir);
  assert.deepEqual(back.record, JSON.parse(JSON.stringify(record)));
  // The GAP features of every part come back as written, rows in the order of the split's ids.
  assert.deepEqual(back.features, features);
  for (const part of ['train', 'validation', 'test'] as const) assert.equal(features.parts[part].labels.length, record.split.ids[part].length);
  // So does the input subspace with every part's Q residual (the unknown-sample score's second half).
  const residual = features.residual!;
  assert.ok(residual.model.components >= 1 && residual.model.explained >= 0.99, `${residual.model.components} components hold ${residual.model.explained}`);
  for (const part of ['train', 'validation', 'test'] as const) assert.equal(residual.scores[part].length, record.split.ids[part].length);
  // Each member: its 64 channels, then its linear path's two per class (2 classes), as the exported graph lays them out.
  assert.equal(features.channels, (64 + 2 * 2) * 3, 'three members of 64 + 4 channels side by side');
  const x = tf.tensor3d(Float32Array.from({ length: 3 * 1733 }, (_, i) => Math.sin(i / 50)), [3, 1733, 1]);
  const a = (model.predict(x) as tf.Tensor).dataSync();
  const b = (back.model.predict(x) as tf.Tensor).dataSync();
  assert.deepEqual(Array.from(b), Array.from(a));
  // Writing again is refused unless asked; then it replaces the run and leaves no temporary folders.
  await assert.rejects(writeRun(dir, { ...record, status: 'interrupted' }, model), /already holds a run/);
  assert.equal((await readRun(dir)).record.status, 'complete');
  await writeRun(dir, { ...record, status: 'interrupted' }, model, { replace: true });
  assert.equal((await readRun(dir)).record.status, 'interrupted');
  assert.equal((await readRun(dir)).features, undefined, 'a run written without features reads back without them');
  assert.deepEqual(await readdir(join(dir, '..')), ['run']);
  tf.dispose(x);
  model.dispose();
  back.model.dispose();
});

test('trainRun: an abort keeps the best weights so far and the record says interrupted', async (t) => {
  await setBackend('wasm');
  const controller = new AbortController();
  const { record, model } = await trainRun(dataset, { ...options, epochs: 20 }, {
    signal: controller.signal,
    onProgress: (p) => p.epoch === 1 && controller.abort(),
  });
  assert.equal(record.status, 'interrupted');
  assert.equal(record.training.epochsRun, 1);
  assert.ok(record.metrics.test.accuracy >= 0 && record.metrics.test.accuracy <= 1);
  const dir = join(await tempDir(t), 'run');
  await writeRun(dir, record, model);
  assert.equal((await readRun(dir)).record.status, 'interrupted');
  model.dispose();
});

test('writeRun: a failure leaves no partial run directory', async (t) => {
  await setBackend('wasm');
  const root = await tempDir(t);
  await writeFile(join(root, 'file'), 'not a folder');
  const { record, model } = await trainRun(dataset, { ...options, epochs: 1 });
  await assert.rejects(writeRun(join(root, 'file', 'run'), record, model), /cannot write the run directory/);
  assert.deepEqual(await readdir(root), ['file']);
  model.dispose();
});

test('writeRun: a folder with other content or a file is never replaced, not even with replace, and survives whole', async (t) => {
  await setBackend('wasm');
  const root = await tempDir(t);
  const decoy = join(root, 'decoy');
  await mkdir(join(decoy, 'notes'), { recursive: true });
  await writeFile(join(decoy, 'thesis.txt'), 'x');
  await writeFile(join(decoy, 'notes', 'a.txt'), 'y');
  await writeFile(join(root, 'file.txt'), 'mine');
  const { record, model } = await trainRun(dataset, { ...options, epochs: 1 });
  for (const replace of [false, true]) {
    await assert.rejects(writeRun(decoy, record, model, { replace }), /folder with other content, which is never replaced/);
    await assert.rejects(writeRun(join(root, 'file.txt'), record, model, { replace }), /it is a file, which is never replaced/);
  }
  assert.deepEqual((await readdir(decoy)).sort(), ['notes', 'thesis.txt']);
  assert.equal(await readFile(join(decoy, 'thesis.txt'), 'utf8'), 'x');
  assert.equal(await readFile(join(root, 'file.txt'), 'utf8'), 'mine');
  assert.deepEqual((await readdir(root)).sort(), ['decoy', 'file.txt'], 'no temporary folder left behind');
  model.dispose();
});

test('readRun: missing, incomplete, corrupt and foreign run directories get errors that name the problem', async (t) => {
  const root = await tempDir(t);
  await assert.rejects(readRun(join(root, 'absent')), /no such run directory/);
  await writeFile(join(root, 'plain'), 'x');
  await assert.rejects(readRun(join(root, 'plain')), /not a directory/);
  const dir = join(root, 'run');
  await mkdir(join(dir, 'model'), { recursive: true });
  await writeFile(join(dir, RUN_FILES.record), '{"format":"spectracam-run","version":1}');
  await assert.rejects(readRun(dir), /incomplete run directory, model\/model.json is missing/);
  await writeFile(join(dir, RUN_FILES.modelJson), '{"modelTopology":{},"weightsManifest":[{"paths":["weights.bin"],"weights":[{"name":"w","shape":[2],"dtype":"float32"}]}]}');
  await writeFile(join(dir, RUN_FILES.weights), new Uint8Array(4));
  await assert.rejects(readRun(dir), /holds 4 bytes, the manifest needs 8/);
  await writeFile(join(dir, RUN_FILES.record), '{"format":"something-else"}');
  await assert.rejects(readRun(dir), /not a spectracam run record/);
  await writeFile(join(dir, RUN_FILES.record), '{"format":');
  await assert.rejects(readRun(dir), /run.json: not valid JSON/);
  assert.ok((await readFile(join(dir, RUN_FILES.weights))).length === 4);
});

test('readRun: features computed with other weights, or cut short, are refused naming the file', async (t) => {
  await setBackend('wasm');
  const dir = join(await tempDir(t), 'run');
  const { record, model, features } = await trainRun(dataset, { ...options, members: 1, epochs: 1 });
  await writeRun(dir, record, model, { features });
  const index = JSON.parse(await readFile(join(dir, RUN_FILES.featuresIndex), 'utf8'));
  await writeFile(join(dir, RUN_FILES.featuresIndex), JSON.stringify({ ...index, weightsSha256: '0'.repeat(64) }));
  await assert.rejects(readRun(dir), /gap\.json: the features were computed with other weights/);
  await writeFile(join(dir, RUN_FILES.featuresIndex), JSON.stringify(index));
  const bin = await readFile(join(dir, RUN_FILES.features));
  await writeFile(join(dir, RUN_FILES.features), bin.subarray(0, bin.length - 4));
  await assert.rejects(readRun(dir), /gap\.bin: holds \d+ bytes, .*gap\.json needs \d+/);
  await writeFile(join(dir, RUN_FILES.features), bin);
  const residual = await readFile(join(dir, RUN_FILES.residual));
  await writeFile(join(dir, RUN_FILES.residual), residual.subarray(0, residual.length - 8));
  await assert.rejects(readRun(dir), /residual\.bin: holds \d+ bytes, .*residual\.json needs \d+/);
  await rm(join(dir, RUN_FILES.residual));
  await assert.rejects(readRun(dir), /residual\.bin is missing beside .*residual\.json/);
  model.dispose();
});
