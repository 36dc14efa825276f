import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import onnxProto from 'onnx-proto';
import { loadModel } from '../index.node.js';
import { TENSORS } from '../contract.js';
import { withOutputs } from '../model/withOutputs.js';
import { withCoarseMaps, CAM_TENSORS } from '../model/withCoarseMaps.js';
import { testModel } from './support/testModel.js';

const { onnx } = onnxProto;
const p = 96;
const built = await testModel({ p, classes: ['a', 'b', 'c'], seed: 4, features: ['conv1', 'conv2'] });
const decode = () => onnx.ModelProto.decode(built.bytes);

test('graphs: predict keeps probabilities and logits and drops the feature maps, their Squeezes and nothing it needs', () => {
  const graph = withOutputs(decode(), [TENSORS.probabilities, TENSORS.logits]).graph!;
  assert.deepEqual(graph.output!.map((o) => o.name), [TENSORS.logits, TENSORS.probabilities]);
  const ops = graph.node!.map((n) => n.opType);
  assert.ok(!ops.includes('Squeeze'), `predict graph still has a Squeeze: ${ops.join(' ')}`);
  assert.equal(ops.filter((o) => o === 'Conv').length, 3);
  const names = new Set(graph.initializer!.map((t) => t.name));
  assert.ok(!names.has('row.axis'), 'the Squeeze axes were kept though no node reads them');
  for (const n of graph.node!) for (const input of n.input!) {
    const made = graph.node!.some((m) => m.output!.includes(input));
    assert.ok(made || names.has(input) || input === TENSORS.input, `${n.name} reads '${input}', which nothing provides`);
  }
});

test('graphs: explain graphs hand out coarse maps but not conv3; an unknown output is refused by name', () => {
  for (const maps of ['selected', 'all'] as const) {
    const graph = onnx.ModelProto.decode(withCoarseMaps(decode(), maps, 3, built.record.model.geometry.layers[2]!.outputLength)).graph!;
    const outputs = graph.output!.map((o) => o.name);
    assert.ok(outputs.includes(CAM_TENSORS.coarse) && !outputs.includes(TENSORS.conv3), `${maps}: ${outputs.join(', ')}`);
  }
  assert.throws(() => withOutputs(decode(), ['probabilities', 'nope']), /the graph has no output 'nope'/);
});

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
