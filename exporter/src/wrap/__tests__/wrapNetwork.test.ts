import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadata } from '@spectracam/format';
import { decodeModel } from '@spectracam/format/onnx';
import { ortRun } from '../../__tests__/support/ortRun.js';
import { wrapNetwork } from '../wrapNetwork.js';
import type { ForeignConv, ForeignNetwork } from '../foreignNetwork.js';

const conv = (source: string, channelsIn: number, filters: number, kernel: number, stride: number, padding: ForeignConv['padding']): ForeignConv => ({
  source,
  weight: Float32Array.from({ length: filters * channelsIn * kernel }, (_, i) => Math.sin(i + filters)),
  bias: new Float32Array(filters).fill(0.1),
  filters,
  channelsIn,
  kernel,
  stride,
  group: 1,
  padding,
});
const network = (convs: ForeignConv[]): ForeignNetwork => ({
  format: 'onnx',
  convs,
  classifier: { weight: Float32Array.from({ length: 2 * convs.at(-1)!.filters }, (_, i) => Math.cos(i)), bias: new Float32Array(2), classes: 2, source: 'dense' },
});
const axis = Array.from({ length: 60 }, (_, i) => 400 + 2 * i);
const source = { file: 'model.onnx', sha256: '0'.repeat(64) };

test('wrapNetwork: two conv layers become conv2 and conv3 (the last is always conv3); conv1 is no feature output of it', async () => {
  const net = network([conv('a', 1, 4, 5, 2, 'same'), conv('b', 4, 6, 3, 1, 'valid')]);
  const built = wrapNetwork(net, source, { classes: ['x', 'y'], axis, features: ['conv2'] });
  const meta = parseMetadata(decodeModel(built.bytes, 'm').metadata, 'm');
  assert.deepEqual(meta.geometry.layers.map((l) => [l.name, l.outputLength]), [['conv2', 30], ['conv3', 28]]);
  assert.deepEqual(meta.origin?.layers, ['a', 'b', 'dense']);
  const out = await ortRun(built.bytes, [Float32Array.from(axis, (x) => Math.sin(x / 9))]);
  assert.equal(out.conv3!.length, 6 * 28);
  assert.throws(() => wrapNetwork(net, source, { classes: ['x', 'y'], axis, features: ['conv1'] }), /no layer conv1 \(its conv layers: conv2, conv3\)/);
});

test('wrapNetwork: four conv layers are refused naming the first; a kernel that leaves no output names its layer', () => {
  const four = network([conv('a', 1, 2, 3, 1, 'same'), conv('b', 2, 2, 3, 1, 'same'), conv('c', 2, 2, 3, 1, 'same'), conv('d', 2, 2, 3, 1, 'same')]);
  assert.throws(() => wrapNetwork(four, source, { classes: ['x', 'y'], axis }), /model\.onnx: a: 4 conv layers; a SpectraCAM file holds at most three/);
  const long = network([conv('a', 1, 2, 3, 4, 'valid'), conv('wide', 2, 3, 40, 1, 'valid')]);
  assert.throws(() => wrapNetwork(long, source, { classes: ['x', 'y'], axis }), /wide: kernel 40 with stride 1 leaves no output for an input of 15 values/);
});
