import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPreprocessing, readRun, trainRun, writeRun } from '@spectracam/trainer';
import { generateSynthetic, loadDataset } from '@spectracam/data';
import type { Dataset } from '@spectracam/data';
import type { TrainOptions } from '@spectracam/trainer';
import { skipWithoutSharedData, sharedData } from '@spectracam/test/support/sharedData';
import * as tf from '@tensorflow/tfjs-core';
import { exportRun } from '../exportRun.js';
import './support/fakeRun.js'; // pins the cpu backend
import { tfjsOutputs } from './support/tfjsOutputs.js';
import { maxAbsDiff, ortRun } from './support/ortRun.js';
import { fitNovelty } from '../novelty/fitNovelty.js';
import { networkWeights } from '../graph/networkWeights.js';
import { decodeModel } from '@spectracam/format/onnx';

/**
 * A short real training, written, read back and exported; then the ONNX file on RAW spectra of
 * the run's test ids must reproduce the recorded test accuracy, and its outputs the tfjs ones.
 */
async function trainExportCheck(t: TestContext, dataset: Dataset, options: TrainOptions) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-trained-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // Train on wasm (about 100x faster than cpu here), then compare against the cpu reference.
  const trained = await trainRun(dataset, { backend: 'wasm', seed: 3, ...options });
  await writeRun(join(dir, 'run'), trained.record, trained.model, { features: trained.features });
  trained.model.dispose();
  await tf.setBackend('cpu');
  const out = join(dir, 'model.onnx');
  await exportRun(join(dir, 'run'), { out, features: ['conv1', 'conv2'], attributions: ['contribution'] });
  const { record, model } = await readRun(join(dir, 'run'));

  const row = new Map(dataset.ids.map((id, i) => [id, i]));
  const testRows = record.split.ids.test.map((id) => row.get(id)!);
  assert.ok(testRows.length > 0);
  const raw = testRows.map((i) => dataset.spectra[i]!);
  const bytes = new Uint8Array(await readFile(out));
  const onnx = await ortRun(bytes, raw);
  const C = record.model.classes.length;
  let correct = 0;
  testRows.forEach((i, s) => {
    const probs = Array.from(onnx.probabilities!.subarray(s * C, (s + 1) * C));
    if (record.model.classes[probs.indexOf(Math.max(...probs))] === dataset.labels[i]) correct++;
  });
  assert.equal(correct / testRows.length, record.metrics.test.accuracy, 'ONNX test accuracy vs recorded');
  // The contribution map of every class sums to its logit minus the classifier's bias.
  const bias = decodeModel(bytes, 'model').initializers.get('classifier.bias')!.data;
  const p = record.data.axis.length;
  let gap = 0;
  for (let k = 0; k < raw.length * C; k++) {
    let sum = bias[k % C]!;
    for (let j = 0; j < p; j++) sum += onnx.contribution![k * p + j]!;
    gap = Math.max(gap, Math.abs(sum - onnx.logits![k]!));
  }
  assert.ok(gap <= 1e-3 * Math.max(1, ...Array.from(onnx.logits!, Math.abs)), `contribution: sums miss the logits by up to ${gap}`);
  // The graph's unknown-sample score on raw spectra = the score fitted on the trainer's GAP features
  // of the same spectra: the trainer's channel order is the graph's (an ensemble's members side by side);
  // a linear path's carriers are left out of it.
  const carriers = record.model.linearReadout ? networkWeights(model, record.model.geometry).linearCarriers : undefined;
  const expectedScores = fitNovelty(trained.features, record.model.classes, undefined, carriers).scores.test;
  const worst = maxAbsDiff(onnx.novelty!, Float32Array.from(expectedScores));
  assert.ok(worst <= 1e-3 * Math.max(1, ...expectedScores), `novelty: max |onnx - trainer features| = ${worst}`);

  // Parity on the held-out spectra, batch 1 and the whole held-out set cycled to 64.
  const heldOut = [...record.split.ids.validation, ...record.split.ids.test].map((id) => dataset.spectra[row.get(id)!]!);
  for (const batch of [heldOut.slice(0, 1), Array.from({ length: 64 }, (_, k) => heldOut[k % heldOut.length]!)]) {
    const expected = tfjsOutputs(model, applyPreprocessing(record.preprocessing, batch));
    const actual = await ortRun(bytes, batch);
    // A linear path's logits are PLS-LDA decision scores, up to thousands on separable data: there
    // float32 itself resolves about 1e-7 of the value, so logits are compared relative to their size.
    const size = Math.max(1, ...Array.from(expected.logits, Math.abs));
    const logitDiff = maxAbsDiff(actual.logits!, expected.logits);
    assert.ok(logitDiff <= 1e-5 * size, `logits: max |onnx - tfjs| = ${logitDiff} of logits up to ${size} (batch ${batch.length})`);
    assert.ok(maxAbsDiff(actual.probabilities!, expected.probabilities) <= 1e-5, `probabilities (batch ${batch.length})`);
    const carriers = record.model.linearReadout ? 2 * C : 0;
    record.model.geometry.layers.forEach((layer, l) => {
      const name = layer.name as 'conv1' | 'conv2' | 'conv3';
      const own = ownChannels(actual[name]!, batch.length * (record.model.members ?? 1), layer.filters, carriers, layer.outputLength);
      const diff = maxAbsDiff(own, expected[name]);
      assert.ok(diff <= 1e-5, `${name}: max |onnx - tfjs| = ${diff} (batch ${batch.length})`);
    });
  }
  model.dispose();
  return record;
}

/**
 * The networks' own channels of an exported map [batch, members x (filters + carriers), length]:
 * each member's block ends with its linear path's channels. `blocks` = batch x members.
 */
function ownChannels(maps: Float32Array, blocks: number, filters: number, carriers: number, length: number): Float32Array {
  if (carriers === 0) return maps;
  const out = new Float32Array(blocks * filters * length);
  for (let b = 0; b < blocks; b++) out.set(maps.subarray(b * (filters + carriers) * length, (b * (filters + carriers) + filters) * length), b * filters * length);
  return out;
}

test('trained run (synthetic): accuracy from the ONNX file on the test ids equals the recorded test accuracy; outputs match tfjs', async (t) => {
  const { dataset } = generateSynthetic({ seed: 5, spectra: 40 });
  const record = await trainExportCheck(t, dataset, { epochs: 3, batchSize: 16, preprocess: 'minmax-global' });
  // A Raman axis (cm-1 from 50): the linear path reads the Savitzky-Golay derivative, and the file's channels carry it.
  assert.equal(record.model.linearReadout?.input, 'derivative');
  assert.equal(record.model.linearReadout?.carriers, 'derivative');
  assert.equal(record.model.linearReadout?.derivativeCoef?.length, record.data.axis.length * record.model.classes.length, 'its coefficients on the derivative are kept for explanations');
});

test('trained run (meat): accuracy from the ONNX file on the test ids equals the recorded test accuracy; outputs match tfjs', async (t) => {
  if (skipWithoutSharedData(t, sharedData.meatCsv)) return;
  const dataset = await loadDataset({ data: sharedData.meatCsv });
  const record = await trainExportCheck(t, dataset, { epochs: 10, batchSize: 16, preprocess: 'minmax-variable' });
  assert.equal(record.data.variables, 448);
  assert.equal(record.model.linearReadout?.input, 'input', 'mid-infrared: the linear path reads the network input');
});
