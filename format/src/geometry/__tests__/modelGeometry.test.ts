import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convOutput, convStackGeometry, modelGeometry } from '../modelGeometry.js';

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

test('convStackGeometry: explicit zeros (PyTorch padding=2 with stride 2) shift the centres and are named explicit', () => {
  const [a, b] = convStackGeometry(50, [
    { name: 'conv2', filters: 4, kernel: 5, stride: 2, padBefore: 2, padAfter: 2 },
    { name: 'conv3', filters: 8, kernel: 3, stride: 1, padBefore: 0, padAfter: 0 },
  ]);
  // floor((50 + 4 - 5) / 2) + 1 = 25 positions; position j covers 2j-2 .. 2j+2, centre 2j.
  assert.equal(a!.outputLength, 25);
  assert.deepEqual(a!.centres.slice(0, 3), [0, 2, 4]);
  assert.equal(a!.padding, 'explicit');
  assert.equal(b!.padding, 'valid');
  assert.deepEqual(b!.centres.slice(0, 2), [2, 4]);
  // TensorFlow's own zeros for a layer are still called same.
  assert.equal(convStackGeometry(10, [{ name: 'conv3', filters: 1, kernel: 4, stride: 1, padBefore: 1, padAfter: 2 }])[0]!.padding, 'same');
});

test('modelGeometry: equals convStackGeometry of its own pads, with the trainer\'s padding name', () => {
  const g = modelGeometry(301, { kernels: [21, 11, 5], strides: [2, 2, 1], padding: 'same' });
  const stack = convStackGeometry(301, g.layers.map(({ name, filters, kernel, stride, padBefore, padAfter }) => ({ name, filters, kernel, stride, padBefore, padAfter })));
  assert.deepEqual(g.layers, stack);
});
