import { FamilyError, finiteValues } from './foreignNetwork.js';
import type { BatchNormParams, ForeignConv } from './foreignNetwork.js';
import { attribute } from './onnxGraph.js';
import type { OnnxGraph, OnnxNode } from './onnxGraph.js';

/** Reads one ONNX node of the family's layers; `where` names the file in errors. */
export class OnnxLayers {
  constructor(
    private readonly g: OnnxGraph,
    private readonly where: string,
  ) {}

  fail(node: OnnxNode, what: string): never {
    throw new FamilyError(this.where, this.g.label(node), what);
  }

  /** A constant input of `node` (a weight), or a refusal naming the node. */
  weight(node: OnnxNode, index: number, what: string) {
    const name = node.input?.[index];
    const c = this.g.constant(name);
    if (!c) this.fail(node, `its ${what} '${name ?? ''}' is not a constant of the file (the family's weights are initializers)`);
    return c;
  }

  ints(node: OnnxNode, name: string, fallback: number[]): number[] {
    const value = attribute(node, name);
    if (value === undefined) return fallback;
    return Array.isArray(value) ? value : [Number(value)];
  }

  /** A Conv over [batch, C, L] (rank 3) or a one-row image [batch, C, 1, L] (rank 4) with `channels` input channels. */
  conv(node: OnnxNode, rank: number, channels: number): ForeignConv {
    const w = this.weight(node, 1, 'weight');
    if (w.dims.length !== rank) this.fail(node, `weight of shape [${w.dims}] for an input of rank ${rank}`);
    const [filters, perGroup] = w.dims as [number, number];
    if (rank === 4 && w.dims[2] !== 1) this.fail(node, `kernel of height ${w.dims[2]}: a 2-D layer must read one row (kernel [1, k])`);
    const kernel = w.dims[rank - 1]!;
    const group = Number(attribute(node, 'group') ?? 1);
    if (perGroup * group !== channels) this.fail(node, `reads ${perGroup * group} channels (${perGroup} x group ${group}); the layer before gives ${channels}`);
    const dilations = this.ints(node, 'dilations', []);
    if (dilations.some((d) => d !== 1)) this.fail(node, `dilations [${dilations}]; only undilated convolutions have the receptive fields the CAM assumes`);
    const shape = this.ints(node, 'kernel_shape', []);
    if (shape.length > 0 && shape[shape.length - 1] !== kernel) this.fail(node, `kernel_shape [${shape}] differs from its weight [${w.dims}]`);
    const strides = this.ints(node, 'strides', rank === 4 ? [1, 1] : [1]);
    const autoPad = String(attribute(node, 'auto_pad') ?? 'NOTSET');
    let padding: ForeignConv['padding'];
    if (autoPad === 'VALID') padding = 'valid';
    else if (autoPad === 'SAME_UPPER') padding = 'same';
    else if (autoPad === 'NOTSET') {
      const pads = this.ints(node, 'pads', new Array<number>(2 * (rank - 2)).fill(0));
      if (rank === 4 && (pads[0] !== 0 || pads[2] !== 0)) this.fail(node, `pads [${pads}] add rows; a one-row layer pads along the length only`);
      padding = rank === 4 ? { before: pads[1]!, after: pads[3]! } : { before: pads[0]!, after: pads[1]! };
    } else this.fail(node, `auto_pad ${autoPad} (expected NOTSET with pads, VALID or SAME_UPPER)`);
    const biasTensor = node.input?.[2] ? this.weight(node, 2, 'bias') : undefined;
    if (biasTensor && biasTensor.values.length !== filters) this.fail(node, `bias of ${biasTensor.values.length} values for ${filters} filters`);
    const label = this.g.label(node);
    return {
      source: node.name || node.output![0]!,
      weight: finiteValues(this.where, label, 'weight', w.values),
      bias: biasTensor ? finiteValues(this.where, label, 'bias', biasTensor.values) : new Float32Array(filters),
      filters,
      channelsIn: perGroup,
      kernel,
      stride: strides[strides.length - 1]!,
      group,
      padding,
    };
  }

  batchNorm(node: OnnxNode): BatchNormParams {
    const training = attribute(node, 'training_mode');
    if (training !== undefined && training !== 0) this.fail(node, 'in training mode (export the model in eval mode)');
    if ((node.output ?? []).filter((o) => o).length > 1) this.fail(node, 'hands out running statistics (a training-mode node)');
    const values = (index: number, what: string) => this.weight(node, index, what).values;
    return {
      source: node.name || node.output![0]!,
      scale: values(1, 'scale'),
      offset: values(2, 'bias'),
      mean: values(3, 'mean'),
      variance: values(4, 'variance'),
      epsilon: Number(attribute(node, 'epsilon') ?? 1e-5),
    };
  }

  /**
   * The dense layer over [batch, K]: a Gemm, or a MatMul with a constant [K, C] (its Add, when
   * `add` is given, holds the bias). Returns the weights as [C, K] and the bias [C].
   */
  dense(node: OnnxNode, channels: number, add?: OnnxNode): { weight: Float32Array; bias: Float32Array; classes: number } {
    const label = this.g.label(node);
    const b = this.weight(node, 1, 'weight');
    let transB = 0;
    let alpha = 1;
    let beta = 1;
    if (node.opType === 'Gemm') {
      if (Number(attribute(node, 'transA') ?? 0) !== 0) this.fail(node, 'transA = 1: the pooled features must be its first input as they are');
      transB = Number(attribute(node, 'transB') ?? 0);
      alpha = Number(attribute(node, 'alpha') ?? 1);
      beta = Number(attribute(node, 'beta') ?? 1);
    }
    if (b.dims.length !== 2) this.fail(node, `weight of shape [${b.dims}]; expected a matrix`);
    const [rows, cols] = b.dims as [number, number];
    const [k, classes] = transB ? [cols, rows] : [rows, cols];
    if (k !== channels) this.fail(node, `weight of shape [${b.dims}] takes ${k} features; global average pooling gives ${channels}`);
    const weight = new Float32Array(classes * k);
    for (let c = 0; c < classes; c++) {
      for (let f = 0; f < k; f++) weight[c * k + f] = alpha * b.values[transB ? c * k + f : f * classes + c]!;
    }
    let bias = new Float32Array(classes);
    const biasNode = node.opType === 'Gemm' ? node : add;
    const biasIndex = node.opType === 'Gemm' ? 2 : add && this.g.constant(add.input?.[0]) ? 0 : 1;
    if (biasNode && biasNode.input?.[biasIndex]) {
      const c = this.weight(biasNode, biasIndex, 'bias');
      if (c.values.length !== classes) this.fail(biasNode, `bias of shape [${c.dims}] for ${classes} classes (a bias broadcast over the batch must hold one value per class)`);
      bias = Float32Array.from(c.values, (v) => beta * v);
    }
    return { weight: finiteValues(this.where, label, 'weight', weight), bias: finiteValues(this.where, label, 'bias', bias), classes };
  }
}
