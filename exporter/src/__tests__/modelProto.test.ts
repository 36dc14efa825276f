import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMAT_VERSION, METADATA_KEYS, TENSORS } from '@spectracam/format';
import { onnx } from '@spectracam/format/onnx';
import { exportModel } from '../exportModel.js';
import { fakeRun } from './support/fakeRun.js';

function decode(bytes: Uint8Array) {
  const model = onnx.ModelProto.decode(bytes);
  const meta = Object.fromEntries(model.metadataProps.map((e) => [e.key!, JSON.parse(e.value!)]));
  return { model, meta };
}

test('model proto: opset 13 is written with IR 7 and opset 17 with IR 8, default domain only', () => {
  const { record, model, features } = fakeRun({ p: 64, kernels: [5, 3, 3] });
  for (const [opset, ir] of [[13, 7], [17, 8]] as const) {
    const proto = decode(exportModel(record, model, { opset, novelty: { features } })).model;
    assert.equal(Number(proto.irVersion), ir);
    assert.deepEqual(proto.opsetImport.map((o) => [o.domain, Number(o.version)]), [['', opset]]);
  }
  model.dispose();
});

test('model proto: every Conv is a one-row 2-D Conv with the explicit pads, kernel and stride of the geometry, no auto_pad', () => {
  const { record, model, features } = fakeRun({ p: 101, padding: 'same', kernels: [8, 5, 4], strides: [3, 2, 1] });
  const graph = decode(exportModel(record, model, { novelty: { features } })).model.graph!;
  const convs = graph.node!.filter((n) => n.opType === 'Conv');
  assert.equal(convs.length, 3);
  const ints = (n: (typeof convs)[number], name: string) => n.attribute!.find((a) => a.name === name)!.ints!.map(Number);
  convs.forEach((n, l) => {
    assert.ok(!n.attribute!.some((a) => a.name === 'auto_pad'));
    const g = record.model.geometry.layers[l]!;
    assert.deepEqual(ints(n, 'pads'), [0, g.padBefore, 0, g.padAfter]);
    assert.deepEqual(ints(n, 'kernel_shape'), [1, g.kernel]);
    assert.deepEqual(ints(n, 'strides'), [1, g.stride]);
    const weight = graph.initializer!.find((t) => t.name === n.input![1])!;
    assert.deepEqual(weight.dims!.map(Number), [g.filters, l === 0 ? 1 : record.model.geometry.layers[l - 1]!.filters, 1, g.kernel]);
  });
  // GAP reads the 4-D maps, so conv3's Squeeze serves its graph output alone; conv1/conv2 are
  // squeezed only when they are outputs.
  // (The unknown-sample score squeezes its constant-spectrum flag too: not a feature map.)
  const mapSqueezes = (g: typeof graph) => g.node!.filter((n) => n.opType === 'Squeeze' && !n.output![0]!.startsWith('novelty.')).map((n) => n.output![0]);
  const squeezed = mapSqueezes(graph);
  assert.deepEqual(squeezed, [TENSORS.conv3]);
  assert.equal(graph.node!.find((n) => n.opType === 'GlobalAveragePool')!.input![0], 'conv3.image');
  const withConv1 = decode(exportModel(record, model, { features: ['conv1'], novelty: { features } })).model.graph!;
  assert.deepEqual(mapSqueezes(withConv1), [TENSORS.conv1, TENSORS.conv3]);
  model.dispose();
});

test('model proto: classifier initializers have the contract names, shapes [C, 64] and [C], and the tfjs values transposed', () => {
  const classes = 4;
  const { record, model, features } = fakeRun({ p: 90, classes, kernels: [5, 3, 3] });
  const graph = decode(exportModel(record, model, { novelty: { features } })).model.graph!;
  const weight = graph.initializer!.find((t) => t.name === TENSORS.classifierWeight)!;
  const bias = graph.initializer!.find((t) => t.name === TENSORS.classifierBias)!;
  assert.deepEqual(weight.dims!.map(Number), [classes, 64]);
  assert.deepEqual(bias.dims!.map(Number), [classes]);
  const raw = new Float32Array(Uint8Array.from(weight.rawData!).buffer);
  const kernel = model.getLayer('classifier').getWeights()[0]!.dataSync(); // [64, C]
  for (let c = 0; c < classes; c++) for (let i = 0; i < 64; i++) assert.equal(raw[c * 64 + i], kernel[i * classes + c]);
  model.dispose();
});

test('model proto: metadata_props hold the record facts as JSON, with Conv3 centres on the axis', () => {
  const { record, model, features } = fakeRun({ p: 200, kernels: [7, 5, 3], strides: [2, 2, 1], padding: 'valid' });
  const { model: proto, meta } = decode(exportModel(record, model, { features: ['conv2'], cam: { alignment: 'stretch' }, novelty: { features } }));
  assert.equal(meta[METADATA_KEYS.formatVersion], FORMAT_VERSION);
  assert.deepEqual(meta[METADATA_KEYS.classes], record.model.classes);
  assert.deepEqual(meta[METADATA_KEYS.axis], record.data.axis);
  assert.equal(meta[METADATA_KEYS.unit], 'cm-1');
  assert.deepEqual(meta[METADATA_KEYS.preprocessing], record.preprocessing);
  assert.deepEqual(meta[METADATA_KEYS.outputs], ['logits', 'probabilities', 'novelty', 'conv3', 'conv2', 'cam']);
  assert.equal(meta[METADATA_KEYS.camAlignment], 'stretch');
  assert.equal(meta[METADATA_KEYS.producer].name, '@spectracam/exporter');
  assert.equal(meta[METADATA_KEYS.training].splitProtocol, record.split.protocol);
  assert.equal(meta[METADATA_KEYS.training].dataSha256, record.data.sha256);
  const conv3 = meta[METADATA_KEYS.geometry].layers[2];
  assert.equal(conv3.centres.length, conv3.outputLength);
  // valid padding, odd kernels: every centre is a whole input index, so its axis value is exact.
  conv3.centres.forEach((c: number, j: number) => {
    assert.ok(Number.isInteger(c));
    assert.ok(Math.abs(conv3.centresOnAxis[j] - record.data.axis[c]!) < 1e-9);
  });
  assert.deepEqual(proto.graph!.output!.map((o) => o.name), meta[METADATA_KEYS.outputs]);
  assert.match(proto.docString, /class-0, class-1, class-2/);
  assert.match(proto.docString, /classifier\.weight/);
  model.dispose();
});

test('model proto: the input is float32 [batch, p] with a symbolic batch dimension', () => {
  const { record, model, features } = fakeRun({ p: 77, kernels: [5, 3, 3] });
  const input = decode(exportModel(record, model, { novelty: { features } })).model.graph!.input!;
  assert.equal(input.length, 1);
  assert.equal(input[0]!.name, TENSORS.input);
  const type = input[0]!.type!.tensorType!;
  assert.equal(type.elemType, onnx.TensorProto.DataType.FLOAT);
  assert.deepEqual(type.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue)), ['batch', 77]);
  model.dispose();
});

test('model proto: every initializer feeds a node, with and without attributions and variable weights (runtimes warn about the rest)', () => {
  for (const variableWeights of [false, true]) {
    const { record, model, features } = fakeRun({ p: 101, variableWeights });
    for (const attributions of [[], ['gradient', 'gradient-x-input', 'guided-gradcam']] as const) {
      const graph = decode(exportModel(record, model, { attributions: [...attributions], cam: true, novelty: { features } })).model.graph!;
      const used = new Set(graph.node!.flatMap((n) => n.input!));
      const unused = graph.initializer!.map((t) => t.name!).filter((n) => !used.has(n));
      assert.deepEqual(unused, [], `variable weights ${variableWeights}, attributions [${attributions.join(', ')}]`);
    }
    model.dispose();
  }
});
