import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convOutput, modelGeometry } from '../modelGeometry.js';

test('convOutput: same padding matches TensorFlow (odd pad goes after)', () => {
  assert.deepEqual(convOutput(10, 4, 1, 'same'), { outputLength: 10, padBefore: 1, padAfter: 2 });
  assert.deepEqual(convOutput(1733, 21, 2, 'same'), { outputLength: 867, padBefore: 10, padAfter: 10 });
  assert.deepEqual(convOutput(10, 3, 2, 'valid'), { outputLength: 4, padBefore: 0, padAfter: 0 });
});

test('modelGeometry: receptive-field centres of a valid stack sit in the middle of each window', () => {
  const g = modelGeometry(100, { kernels: [5, 3, 3], strides: [2, 2, 1], padding: 'valid' });
  // conv1 output j covers inputs 2j..2j+4: centre 2j+2.
  assert.deepEqual(g.layers[0].centres.slice(0, 3), [2, 4, 6]);
  // conv2 output j covers conv1 outputs 2j..2j+2, centre conv1 index 2j+1 -> input 4j+4.
  assert.deepEqual(g.layers[1].centres.slice(0, 2), [4, 8]);
  assert.equal(g.layers[2].outputLength, g.layers[1].outputLength - 2);
});

test('modelGeometry: a kernel longer than its input is refused, naming the layer', () => {
  assert.throws(() => modelGeometry(8, { kernels: [5, 5, 5], strides: [1, 1, 1], padding: 'valid' }), /conv2/);
});
