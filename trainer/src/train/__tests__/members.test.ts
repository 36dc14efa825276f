import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { generateSynthetic } from '@spectracam/data';
import { setBackend } from '../../backends/setBackend.js';
import { trainRun } from '../trainRun.js';
import { memberCount } from '../../model/ensembleModel.js';

const { dataset } = generateSynthetic({ seed: 5, spectra: 60 });
const options = { epochs: 3, kernels: [21, 11, 5] as [number, number, number], strides: [4, 4, 2] as [number, number, number], members: 2, variableWeights: true };

test('members: an ensemble trained in worker threads equals the same ensemble trained in this thread, member by member', async () => {
  await setBackend('wasm');
  const apart = await trainRun(dataset, { ...options, threads: 2 });
  const here = await trainRun(dataset, { ...options, threads: 1 });
  assert.equal(memberCount(apart.model), 2);
  assert.equal(apart.record.model.members, 2);
  assert.deepEqual(apart.record.training.members!.map((m) => m.seed), [1, 1001]);
  const a = apart.model.getWeights();
  const b = here.model.getWeights();
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.deepEqual(Array.from(a[i]!.dataSync()), Array.from(b[i]!.dataSync()), `weight ${i}`);
  // The members differ: their seeds gave them other weights.
  const conv1 = a.filter((_, i) => i % (a.length / 2) === 1);
  assert.notDeepEqual(Array.from(a[1]!.dataSync()), Array.from(a[1 + a.length / 2]!.dataSync()));
  assert.ok(conv1.length >= 1);
  const x = tf.randomNormal([4, 1733, 1], 0, 1, 'float32', 3);
  const p = (apart.model.predict(x) as tf.Tensor).arraySync() as number[][];
  for (const row of p) assert.ok(Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-5, 'probabilities sum to 1');
  tf.dispose(x);
  apart.model.dispose();
  here.model.dispose();
});
