import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { buildModel } from '../buildModel.js';
import { combineMembers } from '../ensembleModel.js';
import { classifierWeights } from '../featureMaps.js';
import { gapFeatures } from '../gapFeatures.js';
import { linearPathLogits } from '../linearPathLogits.js';

const p = 80;
const C = 3;
const options = { inputLength: p, classes: C, l2: 0, kernels: [7, 5, 3] as [number, number, number], strides: [2, 2, 1] as [number, number, number], padding: 'same' as const };
const spectra = Array.from({ length: 4 }, (_, i) => Float32Array.from({ length: p }, (_, j) => Math.sin((i + 1) * j * 0.07) + 0.1 * i));
const readout = {
  coef: Float32Array.from({ length: p * C }, (_, k) => Math.cos(k * 0.37) * 0.2),
  centre: Float32Array.from({ length: p }, (_, j) => 0.05 * Math.sin(j)),
  intercept: Float32Array.from([0.3, -0.2, 0.1]),
};

test('linearPathLogits: a network without the path has none', async () => {
  await tf.setBackend('cpu');
  assert.equal(linearPathLogits(buildModel({ ...options, seed: 1 }), spectra[0]!), undefined);
});

for (const members of [1, 2]) {
  test(`linearPathLogits (${members} member${members > 1 ? 's' : ''}): the path's logits plus the classifier's on the GAP features are the model's own decision`, async () => {
    await tf.setBackend('cpu');
    const nets = Array.from({ length: members }, (_, m) => buildModel({ ...options, seed: 1 + m, readout }));
    const model = combineMembers(nets, { ...options, seed: 1, readout: true });
    // Give the network's own part a say, so that the test reads both halves of the sum.
    for (let m = 0; m < members; m++) {
      const layer = members > 1 ? model.getLayer(`m${m + 1}_classifier`) : model.getLayer('classifier');
      const [kernel, bias] = layer.getWeights();
      layer.setWeights([tf.randomNormal(kernel!.shape, 0, 0.5, 'float32', 7 + m), tf.zerosLike(bias!)]);
    }
    const { channels, values } = gapFeatures(model, spectra);
    const { rows, bias } = classifierWeights(model);
    const expected = (model.predict(tf.tensor3d(Float32Array.from(spectra.flatMap((s) => Array.from(s))), [spectra.length, p, 1])) as tf.Tensor).dataSync();
    spectra.forEach((x, i) => {
      const path = linearPathLogits(model, x)!;
      assert.equal(path.length, C);
      const own = (c: number) => readout.intercept[c]! + Array.from(x).reduce((s, v, j) => s + (v - readout.centre[j]!) * readout.coef[j * C + c]!, 0);
      path.forEach((v, c) => assert.ok(Math.abs(v - own(c)) < 1e-4, `path logit ${c}: ${v} vs ${own(c)}`));
      // gapFeatures puts each member's 2C path channels after its 64 own ones; the classifier reads the own ones.
      const own64 = (f: number) => values[i * channels + Math.floor(f / 64) * (64 + 2 * C) + (f % 64)]!;
      const logits = rows.map((w, c) => bias[c]! + path[c]! + w.reduce((s, v, f) => s + v * own64(f), 0));
      const top = Math.max(...logits);
      const sum = logits.reduce((s, l) => s + Math.exp(l - top), 0);
      logits.forEach((l, c) => assert.ok(Math.abs(Math.exp(l - top) / sum - expected[i * C + c]!) < 1e-5, `spectrum ${i} class ${c}`));
    });
  });
}
