import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { setBackend } from '../setBackend.js';

const require = createRequire(import.meta.url);
const installed = (name: string) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};

test('setBackend: named backends become the active TensorFlow.js backend', async () => {
  assert.equal(await setBackend('cpu'), 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(await setBackend('wasm'), 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
});

test('setBackend: auto picks the fastest backend present (wasm when tfjs-node and webgpu are absent)', async (t) => {
  if (installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu') || installed('@tensorflow/tfjs-backend-webgpu')) {
    t.skip('a faster optional backend is installed here');
    return;
  }
  assert.equal(await setBackend('auto'), 'wasm');
});

test('setBackend: a missing optional backend says how to install it', async (t) => {
  if (installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu')) {
    t.skip('tfjs-node is installed here');
    return;
  }
  await assert.rejects(setBackend('tensorflow'), /npm install -w trainer @tensorflow\/tfjs-node@4\.22\.0.*libtensorflow/s);
  await assert.rejects(setBackend('webgpu'), /webgpu/);
  await assert.rejects(setBackend('nope' as 'cpu'), /unknown backend 'nope'/);
});
