import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { buildModel } from '../../model/buildModel.js';
import { setBackend } from '../../backends/setBackend.js';
import { trainEpoch } from '../trainEpoch.js';
import { easyData } from './easyData.js';

test('trainEpoch: a model without L2 penalties trains (the loss it reports stays alive)', async () => {
  await setBackend('cpu');
  const data = easyData();
  const model = buildModel({ inputLength: 48, classes: 2, l2: 0, seed: 2, kernels: [5, 3, 3], strides: [1, 2, 1], padding: 'same' });
  const before = Array.from(model.getWeights()[0]!.dataSync());
  const optimizer = tf.train.adam(1e-2);
  const result = await trainEpoch(model, optimizer, data, data.train, 8);
  assert.ok(Number.isFinite(result.loss) && result.loss > 0, `loss ${result.loss}`);
  assert.equal(result.seen, data.train.length);
  assert.notDeepEqual(Array.from(model.getWeights()[0]!.dataSync()), before, 'the step changed the weights');
  optimizer.dispose();
  model.dispose();
});
