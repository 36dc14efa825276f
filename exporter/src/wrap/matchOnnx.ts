import type { ModelMessage } from '@spectracam/format/onnx';
import { FamilyError, foldBatchNorm } from './foreignNetwork.js';
import type { ForeignConv, ForeignNetwork } from './foreignNetwork.js';
import { attribute, OnnxGraph, toNumber } from './onnxGraph.js';
import type { OnnxNode } from './onnxGraph.js';
import { OnnxLayers } from './onnxLayers.js';

/** Nodes that pass their input through at inference. */
const PASS = new Set(['Identity', 'Dropout']);
/** Nodes that may compute a Reshape's target shape beside the chain (PyTorch's `x.view(x.size(0), -1)`). */
const SHAPE_OPS = new Set(['Constant', 'Identity', 'Shape', 'Gather', 'Unsqueeze', 'Concat', 'Slice', 'Squeeze', 'Cast']);
/** Element-wise nodes that may sit between two dense layers. */
const ACTIVATIONS = new Set(['Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Elu', 'Selu', 'Gelu', 'Dropout', 'Identity', 'BatchNormalization']);

/**
 * Finds the study's family in an ONNX graph (as torch.onnx.export writes it, opset 11-17): conv
 * layers (Conv, optional BatchNormalization, Relu; 1-D over [batch, C, L] or 2-D over a one-row
 * image [batch, C, 1, L]) -> GlobalAveragePool or ReduceMean over the length -> Flatten / Squeeze /
 * Reshape -> Gemm, or MatMul + Add -> optional Softmax, the graph's output. Anything else is
 * refused naming the node that breaks the pattern.
 */
export function matchOnnx(model: ModelMessage, where: string): ForeignNetwork {
  const g = new OnnxGraph(model);
  const layers = new OnnxLayers(g, where);
  const fail = (node: OnnxNode, what: string): never => layers.fail(node, what);
  const chain = new Set<OnnxNode>();
  // The one node that reads `tensor` (Shape nodes aside), past pass-through nodes.
  const next = (tensor: string, after: string): { node: OnnxNode | undefined; tensor: string } => {
    for (;;) {
      const readers = g.consumers(tensor).filter((n) => n.opType !== 'Shape');
      if (readers.length > 1) {
        throw new FamilyError(where, `tensor '${tensor}'`, `feeds ${readers.length} nodes (${readers.map((n) => g.label(n)).join(', ')}) after ${after}; the family is one chain`);
      }
      const node = readers[0];
      if (node) chain.add(node);
      if (!node || !PASS.has(node.opType ?? '')) return { node, tensor };
      tensor = node.output![0]!;
    }
  };
  const out = (node: OnnxNode) => node.output![0]!;

  if (g.inputs.length !== 1) throw new FamilyError(where, `inputs ${g.inputs.join(', ')}`, 'expected one input, the spectra');
  const input = g.inputs[0]!;
  const shape = g.inputShape(input) ?? [];
  let rank = shape.length;
  let at = next(input, `input '${input}'`);
  if (rank === 2 && at.node?.opType === 'Unsqueeze') {
    const axes = layers.ints(at.node, 'axes', g.constant(at.node.input?.[1])?.values ?? []).map((a) => (a < 0 ? a + rank + 1 : a));
    if (axes.join() !== '1' && axes.join() !== '1,2') fail(at.node, `unsqueezes axes [${axes}] of the [batch, length] input; expected [1] or [1, 2]`);
    rank += axes.length;
    at = next(out(at.node), g.label(at.node));
  }
  if (rank !== 3 && rank !== 4) throw new FamilyError(where, `input '${input}'`, `shape [${shape}]; expected [batch, 1, length] (1-D) or [batch, 1, 1, length] (a one-row image)`);
  if (shape.length === rank && (shape[1] !== 1 || (rank === 4 && shape[2] !== 1))) {
    throw new FamilyError(where, `input '${input}'`, `shape [${shape}]; a spectrum is one channel (and one row)`);
  }
  const last = shape[shape.length - 1];
  const inputLength = typeof last === 'number' && last > 0 ? last : undefined;

  const convs: ForeignConv[] = [];
  let channels = 1;
  for (;;) {
    const node = at.node;
    if (!node) throw new FamilyError(where, `tensor '${at.tensor}'`, 'the graph ends before global average pooling and a dense layer');
    if (node.opType !== 'Conv') {
      if (convs.length === 0) fail(node, 'expected a Conv reading the input');
      break;
    }
    let conv = layers.conv(node, rank, channels);
    at = next(out(node), g.label(node));
    if (at.node?.opType === 'BatchNormalization') {
      conv = foldBatchNorm(conv, layers.batchNorm(at.node), where);
      at = next(out(at.node), g.label(at.node));
    }
    if (!at.node || at.node.opType !== 'Relu') {
      if (!at.node) throw new FamilyError(where, `tensor '${at.tensor}'`, `the graph ends after conv layer '${conv.source}'`);
      fail(at.node, `after conv layer '${conv.source}': expected Relu, the family's activation`);
    }
    convs.push(conv);
    channels = conv.filters;
    at = next(out(at.node), g.label(at.node));
  }
  const lastConv = convs[convs.length - 1]!.source;

  // Global average pooling over the length.
  const pool = at.node!;
  if (pool.opType === 'GlobalAveragePool') {
    // [batch, K, 1] or [batch, K, 1, 1]
  } else if (pool.opType === 'ReduceMean') {
    const axes = layers.ints(pool, 'axes', g.constant(pool.input?.[1])?.values ?? []).map((a) => (a < 0 ? a + rank : a)).sort();
    const ok = rank === 3 ? axes.join() === '2' : axes.join() === '2,3' || axes.join() === '3';
    if (!ok) fail(pool, `averages axes [${axes}]; global average pooling averages the length (axis ${rank - 1}${rank === 4 ? ', and the row' : ''})`);
    if (Number(attribute(pool, 'keepdims') ?? 1) === 0) rank -= axes.length;
  } else {
    fail(pool, `after the last conv layer '${lastConv}': expected global average pooling (GlobalAveragePool, or ReduceMean over the length)`);
  }
  at = next(out(pool), g.label(pool));

  // Down to [batch, K].
  while (rank > 2) {
    const node = at.node;
    if (!node) throw new FamilyError(where, `tensor '${at.tensor}'`, 'the graph ends before its dense layer');
    if (node.opType === 'Flatten') {
      if (Number(attribute(node, 'axis') ?? 1) !== 1) fail(node, 'flattens from an axis other than 1');
      rank = 2;
    } else if (node.opType === 'Squeeze') {
      const axes = layers.ints(node, 'axes', g.constant(node.input?.[1])?.values ?? []).map((a) => (a < 0 ? a + rank : a));
      if (axes.some((a) => a < 2)) fail(node, `squeezes axes [${axes}]; only the pooled length may go`);
      rank = axes.length === 0 ? 2 : rank - axes.length;
    } else if (node.opType === 'Reshape') {
      checkReshape(g, layers, node, channels);
      rank = 2;
    } else fail(node, 'after global average pooling: expected Flatten, Squeeze or Reshape to [batch, features], then the dense layer');
    at = next(out(node), g.label(node));
  }

  // The dense layer.
  const dense = at.node;
  if (!dense) throw new FamilyError(where, `tensor '${at.tensor}'`, 'the graph ends without a dense layer');
  let classifier: ReturnType<OnnxLayers['dense']>;
  if (dense.opType === 'Gemm') {
    classifier = layers.dense(dense, channels);
    at = next(out(dense), g.label(dense));
  } else if (dense.opType === 'MatMul') {
    at = next(out(dense), g.label(dense));
    const add = at.node?.opType === 'Add' ? at.node : undefined;
    classifier = layers.dense(dense, channels, add);
    if (add) at = next(out(add), g.label(add));
  } else {
    fail(dense, 'after global average pooling: expected the dense layer (Gemm, or MatMul + Add)');
  }
  const denseName = dense.name || out(dense);

  // Optionally a softmax, then the graph's output.
  while (at.node && (at.node.opType === 'Softmax' || at.node.opType === 'LogSoftmax')) {
    const axis = Number(attribute(at.node, 'axis') ?? (Number(g.model.opsetImport?.find((o) => !o.domain)?.version ?? 13) >= 13 ? -1 : 1));
    if (axis !== 1 && axis !== -1) fail(at.node, `axis ${axis}; the class axis is 1`);
    at = next(out(at.node), g.label(at.node));
  }
  if (at.node) {
    // A second dense layer (with an activation between) is named as such.
    let node: OnnxNode | undefined = at.node;
    for (let steps = 0; node && steps < 6 && ACTIVATIONS.has(node.opType ?? ''); steps++) node = g.consumers(out(node))[0];
    if (node && (node.opType === 'Gemm' || node.opType === 'MatMul')) {
      fail(node, `a second dense layer after '${denseName}'; the CAM needs the class scores to be one dense layer of the pooled features`);
    }
    fail(at.node, `after the dense layer '${denseName}': expected the graph's output (or a Softmax)`);
  }
  if (!g.outputs.includes(at.tensor)) throw new FamilyError(where, `tensor '${at.tensor}'`, 'ends the chain but is not an output of the graph');

  for (const node of g.nodes) {
    if (!chain.has(node) && !SHAPE_OPS.has(node.opType ?? '')) fail(node, 'is not part of the chain conv layers -> pooling -> dense layer');
  }
  const opset = g.model.opsetImport?.find((o) => !o.domain)?.version;
  const producer = [g.model.producerName, g.model.producerVersion].filter((s) => s).join(' ');
  return {
    format: 'onnx',
    ...(inputLength ? { inputLength } : {}),
    convs,
    classifier: { ...classifier!, source: denseName },
    ...(producer ? { producer } : {}),
    ...(opset !== undefined && opset !== null ? { opset: toNumber(opset) } : {}),
  };
}

/** A Reshape of the pooled [batch, K, 1(, 1)] to [batch, K]: a constant shape, or PyTorch's Concat(batch, -1). */
function checkReshape(g: OnnxGraph, layers: OnnxLayers, node: OnnxNode, channels: number): void {
  const target = g.constant(node.input?.[1]);
  const lastOk = (v: number | undefined) => v === -1 || v === channels;
  if (target) {
    const [first, second] = target.values;
    if (target.values.length !== 2 || !lastOk(second) || (first !== 0 && first !== -1 && second === -1)) {
      layers.fail(node, `reshapes to [${target.values}]; expected [batch, ${channels}]`);
    }
    return;
  }
  const concat = g.producer(node.input?.[1] ?? '');
  const tail = concat?.opType === 'Concat' && concat.input?.length === 2 ? g.constant(concat.input[1]) : undefined;
  if (!tail || tail.values.length !== 1 || !lastOk(tail.values[0])) {
    layers.fail(node, `its target shape is computed by something other than Concat(batch size, ${channels} or -1)`);
  }
}
