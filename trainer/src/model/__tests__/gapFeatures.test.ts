import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { buildModel } from '../buildModel.js';
import { combineMembers } from '../ensembleModel.js';
import { classifierWeights } from '../featureMaps.js';
import { gapFeatures } from '../gapFeatures.js';

const options = { inputLength: 80, classes: 3, l2: 0, kernels: [7, 5, 3] as [number, number, number], strides: [2, 2, 1] as [number, number, number], padding: 'same' as const };
const spectra = Array.from({ length: 5 }, (_, i) => Float32Array.from({ length: 80 }, (_, j) => Math.sin((i + 1) * j * 0.07) + 0.1 * i));

for (const members of [1, 3]) {
  test(`gapFeatures (${members} member${members > 1 ? 's' : ''}): the classifier's weights on the features give the model's own probabilities, so the channels are in the classifier's (and the exported graph's) order`, async () => {
    await tf.setBackend('cpu');
    const nets = Array.from({ length: members }, (_, m) => buildModel({ ...options, seed: 1 + m }));
    const model = combineMembers(nets, { ...options, seed: 1 });
    const { channels, values } = gapFeatures(model, spectra, undefined, 2);
    assert.equal(channels, 64 * members);
    assert.equal(values.length, 5 * channels);
    const { rows, bias } = classifierWeights(model);
    const expected = (model.predict(tf.tensor3d(Float32Array.from(spectra.flatMap((s) => Array.from(s))), [5, 80, 1])) as tf.Tensor).dataSync();
    for (let i = 0; i < 5; i++) {
      const logits = rows.map((w, c) => bias[c]! + w.reduce((s, v, f) => s + v * values[i * channels + f]!, 0));
      const top = Math.max(...logits);
      const sum = logits.reduce((s, l) => s + Math.exp(l - top), 0);
      logits.forEach((l, c) => assert.ok(Math.abs(Math.exp(l - top) / sum - expected[i * 3 + c]!) < 1e-5, `spectrum ${i} class ${c}`));
    }
    // A member's features alone are its own GAP: member 2 of 3 sits at channels 64..127.
    if (members === 3) {
      const alone = gapFeatures(nets[1]!, spectra);
      for (let i = 0; i < 5; i++) for (let f = 0; f < 64; f++) assert.ok(Math.abs(alone.values[i * 64 + f]! - values[i * channels + 64 + f]!) < 1e-6);
    }
  });
}
