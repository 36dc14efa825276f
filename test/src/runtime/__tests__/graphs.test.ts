import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '../../support/testModel.js';

const p = 96;
const built = await testModel({ p, classes: ['a', 'b', 'c'], seed: 4, features: ['conv1', 'conv2'] });

test('graphs: featureMaps still hands out conv1..conv3 as [filters, length] equal to the tfjs layers within 1e-5', async () => {
  const x = Array.from({ length: 3 }, (_, i) => Float32Array.from({ length: p }, (_, j) => Math.sin((i + 1) * j * 0.07) + 1.5));
  const model = await loadModel(built.bytes);
  const maps = await model.featureMaps(x);
  assert.deepEqual(maps.map((m) => m.name), ['conv1', 'conv2', 'conv3']);
  for (const layer of maps) {
    const sub = tfl.model({ inputs: built.model.inputs, outputs: built.model.getLayer(layer.name).output as tfl.SymbolicTensor });
    const expected = (sub.predict(tf.tensor3d(x.map((r) => [...r].map((v) => [v])))) as tf.Tensor).arraySync() as number[][][];
    layer.maps.forEach((map, i) => {
      assert.equal(map.length, layer.channels * layer.length);
      let worst = 0;
      for (let k = 0; k < layer.channels; k++) for (let j = 0; j < layer.length; j++) worst = Math.max(worst, Math.abs(map[k * layer.length + j]! - expected[i]![j]![k]!));
      assert.ok(worst < 1e-5, `${layer.name} spectrum ${i}: ${worst}`);
    });
  }
  await model.dispose();
});
