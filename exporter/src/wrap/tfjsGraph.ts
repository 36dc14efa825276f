import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type { io } from '@tensorflow/tfjs-core';
import { FamilyError, finiteValues, foldBatchNorm } from './foreignNetwork.js';
import type { ForeignConv, ForeignNetwork } from './foreignNetwork.js';

/** A node of a TensorFlow GraphDef as model.json holds it (JSON protobuf: strings in base64, ints as strings). */
interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { s?: string; i?: string; f?: number; b?: boolean; list?: { i?: string[]; s?: string[] }; shape?: { dim?: { size?: string }[] } }>;
}

const PASS = new Set(['Identity', 'StopGradient', 'Snapshot']);
const text = (base64: string | undefined) => (base64 === undefined ? undefined : Buffer.from(base64, 'base64').toString('utf8'));

/**
 * A TensorFlow.js graph model (what tensorflowjs_converter writes for a Keras SavedModel), loaded
 * with @tensorflow/tfjs-converter, read as the study's family. Keras' Conv1D is ExpandDims ->
 * Conv2D (or _FusedConv2D with BiasAdd and Relu) -> Squeeze -> BiasAdd -> [batch normalisation: Mul
 * and AddV2 by constants, or FusedBatchNormV3] -> Relu;
 * global average pooling is a Mean over the length; the dense layer MatMul + BiasAdd (or
 * _FusedMatMul), then an optional Softmax. Refused otherwise, naming the node.
 */
export async function matchGraphModel(artifacts: io.ModelArtifacts, where: string): Promise<ForeignNetwork> {
  const model = await loadGraphModel({ load: async () => artifacts });
  try {
    const nodes = (artifacts.modelTopology as { node: GraphNode[] }).node;
    const weights = model.weights;
    const constant = (name: string) => {
      const t = weights[name]?.[0];
      return t ? { shape: t.shape, values: t.dataSync() as Float32Array | Int32Array } : undefined;
    };
    return readGraph(nodes, constant, model.outputNodes.map((n) => n.replace(/:0$/, '')), where);
  } finally {
    model.dispose();
  }
}

type ConstantOf = (name: string) => { shape: number[]; values: ArrayLike<number> } | undefined;

function readGraph(nodes: GraphNode[], constantOf: ConstantOf, outputs: string[], where: string): ForeignNetwork {
  const clean = (input: string) => input.replace(/:0$/, '');
  const consumers = new Map<string, GraphNode[]>();
  for (const node of nodes) for (const input of node.input ?? []) if (!input.startsWith('^')) consumers.set(clean(input), [...(consumers.get(clean(input)) ?? []), node]);
  const fail = (node: GraphNode, what: string): never => {
    throw new FamilyError(where, `node '${node.name}' (${node.op})`, what);
  };
  const ints = (node: GraphNode, key: string) => (node.attr?.[key]?.list?.i ?? []).map(Number);
  const constant = (node: GraphNode, index: number, what: string) => {
    const name = clean(node.input?.[index] ?? '');
    const c = constantOf(name);
    if (!c) fail(node, `its ${what} '${name}' is not a constant of the model`);
    return c!;
  };
  const next = (node: GraphNode): GraphNode | undefined => {
    let at = node;
    for (;;) {
      const readers = consumers.get(at.name) ?? [];
      if (readers.length > 1) fail(at, `feeds ${readers.length} nodes (${readers.map((n) => `'${n.name}'`).join(', ')}); the family is one chain`);
      if (!readers[0] || !PASS.has(readers[0].op)) return readers[0];
      at = readers[0];
    }
  };
  const axesOf = (node: GraphNode, rank: number) => Array.from(constant(node, 1, 'axes').values, (a) => (a < 0 ? a + rank : a)).sort();

  const placeholders = nodes.filter((n) => n.op === 'Placeholder');
  if (placeholders.length !== 1) throw new FamilyError(where, 'graph', `${placeholders.length} Placeholder nodes; expected one input, the spectra`);
  const input = placeholders[0]!;
  const dims = (input.attr?.shape?.shape?.dim ?? []).map((d) => Number(d.size ?? -1));
  let rank = dims.length;
  const inputLength = dims[1] !== undefined && dims[1] > 0 ? dims[1] : undefined;
  if ((rank !== 2 && rank !== 3) || (rank === 3 && dims[2] !== 1 && dims[2] !== -1)) fail(input, `shape [${dims}]; expected [batch, length, 1] or [batch, length]`);

  const convs: ForeignConv[] = [];
  let conv: ForeignConv | undefined;
  let channels = 1;
  let node = next(input);
  const finish = () => {
    convs.push(conv!);
    channels = conv!.filters;
    conv = undefined;
  };
  for (; node && node.op !== 'Mean'; node = next(node)) {
    switch (node.op) {
      case 'ExpandDims': {
        const [axis] = axesOf(node, rank + 1);
        if (!((rank === 2 && axis === 2) || (rank === 3 && axis === 1))) fail(node, `expands axis ${axis} of a rank-${rank} tensor (Keras' Conv1D expands axis 1 of [batch, length, channels])`);
        rank++;
        break;
      }
      case 'Squeeze': {
        const axes = ints(node, 'squeeze_dims').map((a) => (a < 0 ? a + rank : a));
        if (rank !== 4 || axes.join() !== '1') fail(node, `squeezes axes [${axes}] of a rank-${rank} tensor; expected the row (axis 1) of [batch, 1, length, channels]`);
        rank = 3;
        break;
      }
      case 'Reshape': {
        const shape = Array.from(constant(node, 1, 'shape').values);
        if (rank !== 2 || shape.length !== 3 || shape[2] !== 1) fail(node, `reshapes to [${shape}]; expected [batch, length, 1] on the input`);
        rank = 3;
        break;
      }
      case 'Conv2D':
      case '_FusedConv2D': {
        if (conv) fail(node, `after conv layer '${conv.source}' without a Relu between`);
        if (rank !== 4) fail(node, 'a Conv2D on a tensor that is not [batch, 1, length, channels]');
        conv = conv2d(node, constant(node, 1, 'filter'), channels, fail, ints, where);
        if (node.op === '_FusedConv2D') {
          const fused = (node.attr?.fused_ops?.list?.s ?? []).map((s) => text(s));
          if (fused[0] !== 'BiasAdd' || fused.length > 2 || (fused[1] !== undefined && fused[1] !== 'Relu')) fail(node, `fuses ${fused.join(', ')}; expected BiasAdd[, Relu]`);
          addBias(conv, constant(node, 2, 'bias').values, node, fail);
          if (fused[1] === 'Relu') finish();
        }
        break;
      }
      case 'BiasAdd':
      case 'Add':
      case 'AddV2':
        if (!conv) fail(node, 'adds a bias where no conv layer is open');
        addBias(conv!, constant(node, 1, 'bias').values, node, fail);
        break;
      case 'Mul': {
        // Keras' batch normalisation of a 3-D tensor at inference: a Mul and an AddV2 by constants per channel.
        if (!conv) fail(node, 'scales where no conv layer is open (a batch normalisation after the ReLU cannot be folded)');
        scaleConv(conv!, constant(node, 1, 'scale').values, node, fail);
        break;
      }
      case 'FusedBatchNorm':
      case 'FusedBatchNormV3': {
        if (!conv) fail(node, 'a batch normalisation that follows no conv layer (before its ReLU)');
        if (node.attr?.is_training?.b) fail(node, 'in training mode');
        const v = (index: number, what: string) => constant(node!, index, what).values;
        conv = foldBatchNorm(conv!, { source: node.name, scale: v(1, 'scale'), offset: v(2, 'offset'), mean: v(3, 'mean'), variance: v(4, 'variance'), epsilon: node.attr?.epsilon?.f ?? 1e-3 }, where);
        break;
      }
      case 'Relu':
        if (!conv) fail(node, 'a Relu that follows no conv layer');
        finish();
        break;
      default:
        fail(node, convs.length ? `after the last conv layer '${convs[convs.length - 1]!.source}': expected global average pooling (Mean over the length)` : 'expected a Conv2D (Keras Conv1D)');
    }
  }
  if (!node) throw new FamilyError(where, 'graph', 'ends before global average pooling');
  if (conv) fail(node, `after conv layer '${conv.source}' without its Relu`);
  if (convs.length === 0) fail(node, 'global average pooling before any conv layer');
  const axes = axesOf(node, rank).join();
  if (!(rank === 3 ? axes === '1' : axes === '1,2' || axes === '2') || node.attr?.keep_dims?.b) fail(node, `averages axes [${axes}]; global average pooling averages the length`);

  node = next(node);
  if (!node || (node.op !== 'MatMul' && node.op !== '_FusedMatMul')) fail(node ?? input, 'after global average pooling: expected the dense layer (MatMul + BiasAdd)');
  const dense = node!;
  if (dense.attr?.transpose_a?.b) fail(dense, 'transpose_a');
  const kernel = constant(dense, 1, 'kernel');
  const transposed = !!dense.attr?.transpose_b?.b;
  const [k, classes] = transposed ? [kernel.shape[1]!, kernel.shape[0]!] : [kernel.shape[0]!, kernel.shape[1]!];
  if (kernel.shape.length !== 2 || k !== channels) fail(dense, `kernel of shape [${kernel.shape}] takes ${k} features; global average pooling gives ${channels}`);
  const weight = new Float32Array(classes * k);
  for (let c = 0; c < classes; c++) for (let f = 0; f < k; f++) weight[c * k + f] = kernel.values[transposed ? c * k + f : f * classes + c]!;
  let bias = new Float32Array(classes);
  if (dense.op === '_FusedMatMul') bias = Float32Array.from(constant(dense, 2, 'bias').values);
  node = next(dense);
  if (node && dense.op === 'MatMul' && ['BiasAdd', 'Add', 'AddV2'].includes(node.op)) {
    bias = Float32Array.from(constant(node, 1, 'bias').values);
    node = next(node);
  }
  if (bias.length !== classes) fail(dense, `a bias of ${bias.length} values for ${classes} classes`);
  let end = node ? undefined : dense.name;
  if (node?.op === 'Softmax') {
    end = node.name;
    node = next(node);
  }
  if (node) {
    if (node.op === 'MatMul' || node.op === '_FusedMatMul' || node.op === 'Relu') {
      let later: GraphNode | undefined = node;
      while (later && later.op !== 'MatMul' && later.op !== '_FusedMatMul') later = next(later);
      if (later) fail(later, `a second dense layer after '${dense.name}'; the CAM needs the class scores to be one dense layer of the pooled features`);
    }
    fail(node, `after the dense layer '${dense.name}': expected the model's output (or a Softmax)`);
  }
  if (end && outputs.length > 0 && !outputs.some((o) => o === end || consumers.get(end!)?.some((n) => n.name === o))) {
    throw new FamilyError(where, `node '${end}'`, `ends the chain but the model's outputs are ${outputs.join(', ')}`);
  }
  return {
    format: 'tfjs-graph',
    ...(inputLength ? { inputLength } : {}),
    convs,
    classifier: { weight: finiteValues(where, dense.name, 'kernel', weight), bias: finiteValues(where, dense.name, 'bias', bias), classes, source: dense.name },
  };
}

function conv2d(
  node: GraphNode,
  filter: { shape: number[]; values: ArrayLike<number> },
  channels: number,
  fail: (node: GraphNode, what: string) => never,
  ints: (node: GraphNode, key: string) => number[],
  where: string,
): ForeignConv {
  const format = text(node.attr?.data_format?.s) ?? 'NHWC';
  if (format !== 'NHWC') fail(node, `data format ${format}`);
  const [h, k, cin, cout] = filter.shape as [number, number, number, number];
  if (filter.shape.length !== 4 || h !== 1) fail(node, `filter of shape [${filter.shape}]; a one-row layer has [1, k, in, out]`);
  if (cin !== channels) fail(node, `filter reads ${cin} channels; the layer before gives ${channels}`);
  const dilations = ints(node, 'dilations');
  if (dilations.some((d) => d !== 1)) fail(node, `dilations [${dilations}]`);
  const strides = ints(node, 'strides');
  const pad = text(node.attr?.padding?.s) ?? 'VALID';
  let padding: ForeignConv['padding'];
  if (pad === 'SAME') padding = 'same';
  else if (pad === 'VALID') padding = 'valid';
  else if (pad === 'EXPLICIT') {
    const p = ints(node, 'explicit_paddings');
    if (p[2] !== 0 || p[3] !== 0) fail(node, `explicit paddings [${p}] add rows`);
    padding = { before: p[4]!, after: p[5]! };
  } else fail(node, `padding ${pad}`);
  const weight = new Float32Array(cout * cin * k);
  for (let o = 0; o < cout; o++) for (let c = 0; c < cin; c++) for (let t = 0; t < k; t++) weight[(o * cin + c) * k + t] = filter.values[(t * cin + c) * cout + o]!;
  return { source: node.name, weight: finiteValues(where, node.name, 'filter', weight), bias: new Float32Array(cout), filters: cout, channelsIn: cin, kernel: k, stride: strides[2] ?? 1, group: 1, padding: padding! };
}

function scaleConv(conv: ForeignConv, values: ArrayLike<number>, node: GraphNode, fail: (node: GraphNode, what: string) => never): void {
  if (values.length !== conv.filters && values.length !== 1) fail(node, `scales by ${values.length} values for ${conv.filters} channels`);
  const factor = (o: number) => values[values.length === 1 ? 0 : o]!;
  const perFilter = conv.weight.length / conv.filters;
  conv.weight = Float32Array.from(conv.weight, (v, i) => v * factor(Math.floor(i / perFilter)));
  conv.bias = Float32Array.from(conv.bias, (b, o) => b * factor(o));
}

function addBias(conv: ForeignConv, values: ArrayLike<number>, node: GraphNode, fail: (node: GraphNode, what: string) => never): void {
  if (values.length !== conv.filters) fail(node, `a bias of ${values.length} values for ${conv.filters} channels`);
  conv.bias = Float32Array.from(conv.bias, (b, i) => b + values[i]!);
}
