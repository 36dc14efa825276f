import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { RUN_FILES, writeRun } from '@spectracam/trainer';
import { exportRun } from '../exportRun.js';
import { exportModel } from '../exportModel.js';
import { fakeRun } from './support/fakeRun.js';

async function scratch(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-export-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writtenRun(dir: string, options: Parameters<typeof fakeRun>[0] = { p: 60, kernels: [5, 3, 3] }) {
  const { record, model, features } = fakeRun(options);
  const runDir = join(dir, 'run');
  await writeRun(runDir, record, model, { features });
  return { runDir, record, model };
}

/** Files in `dir` whose name mentions .onnx: a failed export must leave none, temp files included. */
async function onnxLeftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.includes('.onnx'));
}

test('exportRun: writes a complete run to one .onnx file and reports its size and outputs', async (t) => {
  const dir = await scratch(t);
  const { runDir, model } = await writtenRun(dir);
  const out = join(dir, 'model.onnx');
  const result = await exportRun(runDir, { out, features: ['conv1'] });
  assert.equal(result.bytes, (await readFile(out)).byteLength);
  assert.ok(result.bytes > result.parameterBytes);
  assert.deepEqual(result.outputs, ['logits', 'probabilities', 'novelty', 'conv3', 'conv1']);
  assert.deepEqual(await onnxLeftovers(dir), ['model.onnx']);
  model.dispose();
});

test('exportRun: a missing run directory is an error naming it', async (t) => {
  const dir = await scratch(t);
  const runDir = join(dir, 'nope');
  await assert.rejects(exportRun(runDir, { out: join(dir, 'm.onnx') }), (e: Error) => e.message.includes(runDir));
  assert.deepEqual(await onnxLeftovers(dir), []);
});

for (const file of Object.values(RUN_FILES)) {
  test(`exportRun: a run directory without ${file} is an error naming that file, and no .onnx is written`, async (t) => {
    const dir = await scratch(t);
    const { runDir, model } = await writtenRun(dir);
    await rm(join(runDir, file));
    await assert.rejects(exportRun(runDir, { out: join(dir, 'm.onnx') }), (e: Error) => e.message.includes(file));
    assert.deepEqual(await onnxLeftovers(dir), []);
    model.dispose();
  });
}

test('exportRun: an interrupted run is refused', async (t) => {
  const dir = await scratch(t);
  const { runDir, model } = await writtenRun(dir);
  const record = JSON.parse(await readFile(join(runDir, RUN_FILES.record), 'utf8'));
  await writeFile(join(runDir, RUN_FILES.record), JSON.stringify({ ...record, status: 'interrupted' }));
  await assert.rejects(exportRun(runDir, { out: join(dir, 'm.onnx') }), /interrupted/);
  assert.deepEqual(await onnxLeftovers(dir), []);
  model.dispose();
});

test('exportRun: NaN in the weights is an error naming the layer, and no .onnx is written', async (t) => {
  const dir = await scratch(t);
  const { record, model, features } = fakeRun({ p: 60, kernels: [5, 3, 3] });
  const conv2 = model.getLayer('conv2');
  const [kernel, bias] = conv2.getWeights();
  const values = kernel!.dataSync().slice();
  values[7] = NaN;
  conv2.setWeights([tf.tensor(values, kernel!.shape), bias!]);
  const runDir = join(dir, 'run');
  await writeRun(runDir, record, model, { features });
  await assert.rejects(exportRun(runDir, { out: join(dir, 'm.onnx') }), /layer 'conv2' kernel: value NaN/);
  assert.deepEqual(await onnxLeftovers(dir), []);
  model.dispose();
});

test('exportRun: an output path that cannot be written is an error naming it, and no partial file remains', async (t) => {
  const dir = await scratch(t);
  const { runDir, model } = await writtenRun(dir);
  // A folder that is a regular file: unwritable for every user, root included.
  await writeFile(join(dir, 'file'), '');
  const target = join(dir, 'file', 'm.onnx');
  await assert.rejects(exportRun(runDir, { out: target }), (e: Error) => e.message.includes(target));
  assert.equal(existsSync(target), false);
  assert.deepEqual(await onnxLeftovers(dir), []);
  model.dispose();
});

test('exportModel: a layer other than the study network is refused by name', () => {
  const { record } = fakeRun({ p: 60, kernels: [5, 3, 3] });
  const input = tfl.input({ shape: [60, 1] });
  let x = input as tfl.SymbolicTensor;
  for (const [i, filters] of [16, 32, 64].entries()) {
    x = tfl.layers.conv1d({ name: `conv${i + 1}`, filters, kernelSize: [5, 3, 3][i]!, strides: 2, padding: 'same', activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
  }
  x = tfl.layers.dropout({ name: 'dropout', rate: 0.5 }).apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.globalAveragePooling1d({ name: 'gap' }).apply(x) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ name: 'classifier', units: 3, activation: 'softmax' }).apply(x) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: out });
  assert.throws(() => exportModel(record, model, { novelty: false }), /layer 'dropout'/);
  model.dispose();
});

test('exportModel: a conv layer with another activation is refused by name', () => {
  const { record, model } = fakeRun({ p: 60, kernels: [5, 3, 3] });
  const config = model.getLayer('conv3').getConfig();
  const input = tfl.input({ shape: [60, 1] });
  let x = input as tfl.SymbolicTensor;
  for (const [i, filters] of [16, 32, 64].entries()) {
    const activation = i === 2 ? 'tanh' : 'relu';
    x = tfl.layers.conv1d({ name: `conv${i + 1}`, filters, kernelSize: [5, 3, 3][i]!, strides: 2, padding: 'same', activation }).apply(x) as tfl.SymbolicTensor;
  }
  x = tfl.layers.globalAveragePooling1d({ name: 'gap' }).apply(x) as tfl.SymbolicTensor;
  const other = tfl.model({ inputs: input, outputs: tfl.layers.dense({ name: 'classifier', units: 3, activation: 'softmax' }).apply(x) as tfl.SymbolicTensor });
  assert.equal(config.activation, 'relu');
  assert.throws(() => exportModel(record, other, { novelty: false }), /layer 'conv3'.*activation 'tanh'/);
  model.dispose();
  other.dispose();
});
