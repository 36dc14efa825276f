import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TENSORS } from '@spectracam/format';
import { decodeModel, onnx } from '@spectracam/format/onnx';
import { withOutputs } from '../withOutputs.js';
import { withCoarseMaps, CAM_TENSORS } from '../withCoarseMaps.js';

// An untrained study network (96 variables, classes a, b, c, conv1 and conv2 outputs) exported by
// scripts/fixtures/runtime-model.ts.
const bytes = new Uint8Array(readFileSync(new URL('./fixtures/model.onnx', import.meta.url)));
const decode = () => decodeModel(bytes, 'model.onnx').proto;
const n3 = JSON.parse(decodeModel(bytes, 'model.onnx').metadata.get('spectracam.geometry')!).layers[2].outputLength as number;

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
    const graph = onnx.ModelProto.decode(withCoarseMaps(decode(), maps, 3, n3)).graph!;
    const outputs = graph.output!.map((o) => o.name);
    assert.ok(outputs.includes(CAM_TENSORS.coarse) && !outputs.includes(TENSORS.conv3), `${maps}: ${outputs.join(', ')}`);
  }
  assert.throws(() => withOutputs(decode(), ['probabilities', 'nope']), /the graph has no output 'nope'/);
});
