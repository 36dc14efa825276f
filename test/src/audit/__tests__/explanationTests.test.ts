import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { exportModel } from '@spectracam/exporter';
import { loadModel } from '@spectracam/runtime';
import { pointingGame, randomizeLayers, sanityCheck } from '@spectracam/study';
import { buildModel, type RunRecord } from '@spectracam/trainer';
import { madeUpFeatures, testModel, untrainedRecord } from '../../support/testModel.js';

const p = 160;
const j0 = 97;

/** A network that sees only variables j0-2..j0+2: its learned per-variable weights are zero elsewhere. */
async function windowModel(): Promise<{ bytes: Uint8Array; axis: number[] }> {
  await tf.setBackend('cpu');
  const base = untrainedRecord({ p, classes: ['a', 'b'], seed: 5, preprocessing: { kind: 'none' } });
  const record: RunRecord = { ...base, model: { ...base.model, variableWeights: true } };
  const g = record.model.geometry;
  const model = buildModel({ inputLength: p, classes: 2, l2: 0, seed: 5, variableWeights: true, kernels: g.layers.map((l) => l.kernel) as [number, number, number], strides: g.layers.map((l) => l.stride) as [number, number, number], padding: g.layers[0].padding });
  model.getLayer('weights').setWeights([tf.tensor(Array.from({ length: p }, (_, j) => (Math.abs(j - j0) <= 2 ? 1 : 0)), [p, 1])]);
  // Positive kernels and no biases keep every ReLU open on positive spectra; class a reads the
  // features positively and b negatively, so a's evidence is positive inside the window.
  for (const name of ['conv1', 'conv2', 'conv3']) {
    const [kernel, bias] = model.getLayer(name).getWeights();
    model.getLayer(name).setWeights([tf.abs(kernel!), tf.zerosLike(bias!)]);
  }
  const [kernel, bias] = model.getLayer('classifier').getWeights();
  const k = tf.abs(kernel!);
  model.getLayer('classifier').setWeights([tf.concat([tf.slice(k, [0, 0], [-1, 1]), tf.neg(tf.slice(k, [0, 1], [-1, 1]))], 1), bias!]);
  return { bytes: exportModel(record, model, { attributions: ['gradient-x-input'], novelty: { features: madeUpFeatures(record, model) } }), axis: record.data.axis };
}

const spectra = Array.from({ length: 12 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + 0.5 * Math.sin((i + 1) * j * 0.13) + 0.3 * Math.cos(j * 0.05 + i)));

test('pointing game: a hand-built network whose evidence sits at a known variable scores 1 with gradient x input', async () => {
  const { bytes, axis } = await windowModel();
  const model = await loadModel(bytes);
  const maps = (await model.explain(spectra, { method: 'gradient-x-input', full: true, class: 'a' })).map((e) => e.maps[0]!.map!);
  const score = pointingGame(maps, axis, [{ start: axis[j0 - 2]!, end: axis[j0 + 2]! }], 0);
  assert.equal(score.share, 1, `${score.hits}/${score.tested} maps peak in the window`);
  assert.ok(score.energy > 0.99, `all the positive mass sits in the window: ${score.energy}`);
  await model.dispose();
});

test('randomisation check: maps that ignore the weights (an edge detector on the input) are flagged; gradient x input maps move with the weights', async () => {
  const { bytes } = await testModel({ p, classes: ['a', 'b'], seed: 9, attributions: ['gradient-x-input'] });
  const edges = (x: Float32Array) => Float64Array.from(x, (_, j) => (j > 0 && j < p - 1 ? Math.abs(x[j - 1]! - 2 * x[j]! + x[j + 1]!) : 0));
  // The edge detector gives the same maps whatever the weights are.
  assert.equal(sanityCheck(spectra.map(edges), spectra.map(edges)).passes, false);
  const trained = await loadModel(bytes);
  const random = await loadModel(randomizeLayers(bytes, ['classifier', 'conv3'], 3));
  const maps = async (m: typeof trained) => (await m.explain(spectra, { method: 'gradient-x-input', full: true, class: 'a' })).map((e) => e.maps[0]!.map!);
  const result = sanityCheck(await maps(trained), await maps(random));
  assert.ok(Number.isFinite(result.spearman) && result.spearman < 0.99, `gradient x input after randomising: rho ${result.spearman}`);
  await trained.dispose();
  await random.dispose();
});
