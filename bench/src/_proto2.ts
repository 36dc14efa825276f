import ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { defaultConvSpec } from '@spectracam/trainer';
import { testModel } from '../../runtime/src/__tests__/support/testModel.js';
const { onnx } = onnxProto;
const p = 1733;
const spec = defaultConvSpec(p);
const built = await testModel({ p, classes: ['a', 'b'], seed: 1, spec, axis: Array.from({ length: p }, (_, i) => 50 + (1950 * i) / (p - 1)) });
const variant = process.argv[2]!;
const proto = onnx.ModelProto.decode(built.bytes);
const g = proto.graph!;
const int = (n: string, i: number) => onnx.AttributeProto.create({ name: n, type: onnx.AttributeProto.AttributeType.INT, i });
const W = g.initializer!.find((t) => t.name === 'classifier.weight')!;
console.log('W dims', W.dims, 'conv3 producer', g.node!.find((n) => n.output!.includes('conv3'))!.opType);
if (variant === 'matmul') g.node!.push(onnx.NodeProto.create({ opType: 'MatMul', input: ['classifier.weight', 'conv3'], output: ['coarse'] }));
if (variant === 'conv') {
  g.initializer!.push(onnx.TensorProto.create({ name: 'wk', dims: [2, 64, 1], dataType: 1, rawData: W.rawData }));
  g.node!.push(onnx.NodeProto.create({ opType: 'Conv', input: ['conv3', 'wk'], output: ['coarse'], attribute: [] }));
}
if (variant === 'sel') {
  g.node!.push(onnx.NodeProto.create({ opType: 'ArgMax', input: ['probabilities'], output: ['am'], attribute: [int('axis', 1), int('keepdims', 1)] }));
  g.node!.push(onnx.NodeProto.create({ opType: 'Gather', input: ['classifier.weight', 'am'], output: ['wsel'], attribute: [int('axis', 0)] }));
  g.node!.push(onnx.NodeProto.create({ opType: 'MatMul', input: ['wsel', 'conv3'], output: ['coarse'] }));
}
if (variant !== 'none') g.output!.push(onnx.ValueInfoProto.create({ name: 'coarse', type: { tensorType: { elemType: 1 } } }));
const bytes = onnx.ModelProto.encode(proto).finish();
const opts = { executionProviders: ['cpu'], intraOpNumThreads: 2, graphOptimizationLevel: 'all', enableProfiling: true, profileFilePrefix: `/tmp/op_${variant}` } as never;
const s = await ort.InferenceSession.create(bytes, opts);
const B = 256;
const input = new ort.Tensor('float32', Float32Array.from({ length: B * p }, (_, i) => 1 + Math.sin(i * 0.001)), [B, p]);
const fetch = variant === 'none' ? ['probabilities'] : ['probabilities', 'coarse'];
for (let i = 0; i < 30; i++) await s.run({ spectra: input }, fetch);
const r = await s.run({ spectra: input }, fetch);
if (variant !== 'none') console.log('coarse dims', r.coarse!.dims);
(s as unknown as { endProfiling(): string }).endProfiling();
