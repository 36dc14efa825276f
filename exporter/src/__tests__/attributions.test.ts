import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { preprocessingKinds, type Padding, type PreprocessingKind } from '@spectracam/format';
import { applyPreprocessing, combineMembers, memberCount, memberLayer, type LayersModel } from '@spectracam/trainer';
import { exportModel } from '../exportModel.js';
import { fakeFeatures, fakeRun, onDerivative, rawSpectra } from './support/fakeRun.js';
import { ortRun } from './support/ortRun.js';

/** The class-c logit of every spectrum as a function of the preprocessed input [n, p, 1] (members' mean for an ensemble). */
function logitFunction(model: LayersModel, c: number) {
  const members = memberCount(model);
  const gaps = Array.from({ length: members }, (_, m) => tfl.model({ inputs: model.inputs, outputs: memberLayer(model, 'gap', m).output as tfl.SymbolicTensor }));
  const dense = Array.from({ length: members }, (_, m) => memberLayer(model, 'classifier', m).getWeights());
  // A linear path adds x . coef + intercept to each member's logits.
  const readouts = Array.from({ length: members }, (_, m) => model.layers.find((l) => l.name === (members > 1 ? `m${m + 1}_readout` : 'readout'))?.getWeights());
  return (x: tf.Tensor) =>
    tf.tidy(() => {
      const logits = gaps.map((g, m) => {
        const scores = tf.add(tf.matMul(g.apply(x) as tf.Tensor2D, dense[m]![0] as tf.Tensor2D), dense[m]![1]!);
        const r = readouts[m];
        return r ? tf.add(tf.add(scores, tf.matMul(tf.sub(tf.reshape(x, [x.shape[0]!, -1]), r[1]!) as tf.Tensor2D, r[0] as tf.Tensor2D)), r[2]!) : scores;
      });
      return tf.sum(tf.slice(tf.div(tf.addN(logits), members), [0, c], [-1, 1]));
    });
}

/** tf.grad of each class logit: [n, C, p] flat, the oracle of the graph's `gradient`. */
function tfjsGradient(model: LayersModel, x: Float32Array[], classes: number): Float32Array {
  const n = x.length;
  const p = x[0]!.length;
  const input = tf.tensor3d(Float32Array.from(x.flatMap((r) => Array.from(r))), [n, p, 1]);
  const out = new Float32Array(n * classes * p);
  for (let c = 0; c < classes; c++) {
    const g = tf.grad(logitFunction(model, c))(input).dataSync();
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) out[(i * classes + c) * p + j] = g[i * p + j]!;
  }
  input.dispose();
  return out;
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  let scale = 0;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  return worst / (scale || 1);
}

async function check(kind: PreprocessingKind, padding: Padding, batch: number, variant: 'single' | 'weighted' | 'ensemble', readout: boolean | 'carried' = false) {
  const p = 301;
  const scale = kind === 'none' ? 1 / 400 : 1;
  const weighted = variant !== 'single';
  const runs = (variant === 'ensemble' ? [3, 4] : [3]).map((seed) => fakeRun({ p, padding, preprocessing: kind, seed: p + seed, scale, variableWeights: weighted, readout: readout !== false, fitOn: rawSpectra(20, p, 3, 5, scale).spectra }));
  const g = runs[0]!.record.model.geometry;
  const combined =
    runs.length === 1
      ? runs[0]!.model
      : combineMembers(runs.map((r) => r.model), { inputLength: p, classes: 3, l2: 0, seed: 1, kernels: g.layers.map((l) => l.kernel) as [number, number, number], strides: g.layers.map((l) => l.stride) as [number, number, number], padding, variableWeights: weighted, ...(readout ? { readout: true as const } : {}) });
  const joined = { ...runs[0]!.record, model: { ...runs[0]!.record.model, ...(runs.length > 1 ? { members: runs.length } : {}) } };
  // The derivative path carried per derivative variable: its gradient goes back through D^T in the graph.
  const { record, model } = readout === 'carried' ? onDerivative(joined, combined, true) : { record: joined, model: combined };
  const bytes = exportModel(record, model, { attributions: ['gradient', 'gradient-x-input'], novelty: { features: fakeFeatures(record, model) } });
  const { spectra } = rawSpectra(batch, p, 3, 77, scale);
  const x = applyPreprocessing(record.preprocessing, spectra);
  const out = await ortRun(bytes, spectra);
  const expected = tfjsGradient(model, x, 3);
  const gradientError = relativeError(out.gradient!, expected);
  assert.ok(gradientError <= 1e-4, `gradient: relative error ${gradientError} (${kind}, ${padding}, batch ${batch}, ${variant})`);
  const times = expected.map((v, k) => v * x[Math.floor(k / (3 * p))]![k % p]!);
  const timesError = relativeError(out.gradient_x_input!, Float32Array.from(times));
  assert.ok(timesError <= 1e-4, `gradient x input: relative error ${timesError}`);
}

for (const kind of preprocessingKinds) {
  for (const padding of ['same', 'valid'] as const) {
    test(`attributions: the graph's gradient and gradient x input equal tf.grad within 1e-4 relative (${kind}, ${padding}, batch 1 and 64)`, async () => {
      await check(kind, padding, 1, 'single');
      await check(kind, padding, 64, 'single');
    });
  }
}

test('attributions: the same holds with variable weights and for an ensemble exported as grouped convolutions', async () => {
  await check('snv', 'same', 8, 'weighted');
  await check('minmax-variable', 'valid', 8, 'ensemble');
});

test('attributions: the same holds with a linear path (its channels carry x . coef through every ReLU), alone and in an ensemble', async () => {
  await check('snv', 'same', 8, 'weighted', true);
  await check('minmax-variable', 'valid', 4, 'ensemble', true);
});

test('attributions: the same holds with a derivative path whose channels carry the derivative variables (D^T in the backward pass)', async () => {
  await check('snv', 'same', 8, 'weighted', 'carried');
  await check('minmax-variable', 'valid', 4, 'ensemble', 'carried');
  await check('none', 'same', 1, 'single', 'carried');
});

/** Guided backpropagation by TensorFlow.js: the network rebuilt from its weights with a ReLU whose gradient also drops negative values. */
function tfjsGuided(model: LayersModel, x: Float32Array[], c: number, padding: Padding): Float32Array {
  const guidedRelu = tf.customGrad(((z: tf.Tensor, save: tf.GradSaveFunc) => {
    save([z]);
    return { value: tf.relu(z), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.mul(dy, tf.step(saved[0]!)), tf.step(dy)) };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  const convs = ['conv1', 'conv2', 'conv3'].map((n) => ({ w: model.getLayer(n).getWeights(), stride: (model.getLayer(n).getConfig().strides as number[])[0]! }));
  const [kernel, bias] = model.getLayer('classifier').getWeights();
  const f = (input: tf.Tensor) =>
    tf.tidy(() => {
      let h = input as tf.Tensor3D;
      for (const conv of convs) h = guidedRelu(tf.add(tf.conv1d(h, conv.w[0] as tf.Tensor3D, conv.stride, padding), conv.w[1]!)) as tf.Tensor3D;
      const logits = tf.add(tf.matMul(tf.mean(h, 1) as tf.Tensor2D, kernel as tf.Tensor2D), bias!);
      return tf.sum(tf.slice(logits, [0, c], [-1, 1]));
    });
  const n = x.length;
  const p = x[0]!.length;
  const input = tf.tensor3d(Float32Array.from(x.flatMap((r) => Array.from(r))), [n, p, 1]);
  const g = tf.grad(f)(input);
  const out = g.dataSync() as Float32Array;
  tf.dispose([g, input]);
  return out;
}

test('attributions: guided Grad-CAM is the CAM times guided backpropagation (oracle: TensorFlow.js with a guided ReLU)', async () => {
  const p = 301;
  for (const padding of ['same', 'valid'] as const) {
    const { record, model, features } = fakeRun({ p, padding, preprocessing: 'snv', seed: 21 });
    const bytes = exportModel(record, model, { attributions: ['guided-gradcam'], cam: true, novelty: { features } });
    const { spectra } = rawSpectra(6, p, 3, 31);
    const x = applyPreprocessing(record.preprocessing, spectra);
    const out = await ortRun(bytes, spectra);
    const expected = new Float32Array(6 * 3 * p);
    for (let c = 0; c < 3; c++) {
      const guided = tfjsGuided(model, x, c, padding);
      for (let i = 0; i < 6; i++) for (let j = 0; j < p; j++) expected[(i * 3 + c) * p + j] = guided[i * p + j]! * out.cam![(i * 3 + c) * p + j]!;
    }
    const error = relativeError(out.guided_gradcam!, expected);
    assert.ok(error <= 1e-4, `guided Grad-CAM: relative error ${error} (${padding})`);
    assert.ok(out.guided_gradcam!.some((v) => v !== 0), 'not all zero');
  }
});
