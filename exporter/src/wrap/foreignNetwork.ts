import type { OriginMeta } from '@spectracam/format';
import type { ConvWeights } from '../graph/networkWeights.js';

/** A conv layer of a network trained elsewhere, read from its file (batch normalisation already folded in). */
export interface ForeignConv extends Omit<ConvWeights, 'name'> {
  /** The node or layer it was read from. */
  source: string;
  /** TensorFlow's `same` / `valid`, or explicit zeros before and after (ONNX `pads`, PyTorch `padding`). */
  padding: 'same' | 'valid' | { before: number; after: number };
  /** The batch normalisation folded into this layer's weights, if any. */
  batchNorm?: string;
}

/** The study's family as read from a foreign file: conv layers, global average pooling, one dense layer. */
export interface ForeignNetwork {
  format: OriginMeta['format'];
  /** Variables the model takes, when its file says (a static input length). */
  inputLength?: number;
  convs: ForeignConv[];
  /** [C, K] row-major: row c holds the class-c weights of the pooled features. */
  classifier: { weight: Float32Array; bias: Float32Array; classes: number; source: string };
  /** What wrote the file (ONNX producer, TensorFlow.js generatedBy/convertedBy). */
  producer?: string;
  opset?: number;
}

export const FAMILY =
  "a model brought in must be of the study's family: conv layers (convolution, optional batch normalisation, ReLU), " +
  'global average pooling over the length, one dense layer, optionally a softmax';

/** A model outside the family, refused at the node (or layer) that breaks the pattern. */
export class FamilyError extends Error {
  constructor(
    readonly where: string,
    readonly node: string,
    what: string,
  ) {
    super(`${where}: ${node}: ${what}; ${FAMILY}`);
    this.name = 'FamilyError';
  }
}

/** Batch normalisation at inference: y = scale * (x - mean) / sqrt(variance + epsilon) + offset, per channel. */
export interface BatchNormParams {
  source: string;
  scale: ArrayLike<number>;
  offset: ArrayLike<number>;
  mean: ArrayLike<number>;
  variance: ArrayLike<number>;
  epsilon: number;
}

/**
 * The conv layer with a batch normalisation after it folded into its weights and bias (in float64,
 * rounded once): the same function, one layer, so CAM, attributions and the audit see one conv.
 */
export function foldBatchNorm(conv: ForeignConv, bn: BatchNormParams, where: string): ForeignConv {
  const f = conv.filters;
  for (const [name, values] of [['scale', bn.scale], ['offset', bn.offset], ['mean', bn.mean], ['variance', bn.variance]] as const) {
    if (values.length !== f) throw new FamilyError(where, bn.source, `${name} holds ${values.length} values for ${f} channels`);
  }
  const perFilter = conv.weight.length / f;
  const weight = new Float32Array(conv.weight.length);
  const bias = new Float32Array(f);
  for (let o = 0; o < f; o++) {
    const factor = bn.scale[o]! / Math.sqrt(bn.variance[o]! + bn.epsilon);
    for (let i = 0; i < perFilter; i++) weight[o * perFilter + i] = conv.weight[o * perFilter + i]! * factor;
    bias[o] = (conv.bias[o]! - bn.mean[o]!) * factor + bn.offset[o]!;
  }
  return { ...conv, weight, bias, batchNorm: bn.source };
}

/** Float32 copy checked finite, naming the tensor. */
export function finiteValues(where: string, node: string, what: string, values: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(values);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new FamilyError(where, node, `${what} holds ${out[bad]} at flat index ${bad}; weights must be finite`);
  return out;
}
