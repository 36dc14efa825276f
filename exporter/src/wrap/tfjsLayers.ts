import * as tfl from '@tensorflow/tfjs-layers';
import type { io } from '@tensorflow/tfjs-core';
import { FamilyError, finiteValues, foldBatchNorm } from './foreignNetwork.js';
import type { ForeignConv, ForeignNetwork } from './foreignNetwork.js';

type Layer = tfl.LayersModel['layers'][number];
type Config = Record<string, unknown>;

/** Layers that do nothing at inference. */
const INERT = new Set(['Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'ActivityRegularization']);

const first = (v: unknown) => ([] as unknown[]).concat(v ?? 1)[0];

/**
 * A TensorFlow.js layers model (Keras through tensorflowjs_converter, or saved by TensorFlow.js)
 * read as the study's family: [Reshape to (p, 1)] -> Conv1D (relu; or linear + BatchNormalization
 * + ReLU/Activation('relu')) ... -> GlobalAveragePooling1D -> Dense (softmax or linear, optionally
 * a Softmax/Activation('softmax') after). Dropout-like layers are skipped; anything else is refused
 * naming the layer.
 */
export async function matchLayersModel(artifacts: io.ModelArtifacts, where: string): Promise<ForeignNetwork> {
  const model = await tfl.loadLayersModel({ load: async () => artifacts });
  try {
    return readLayers(model, where);
  } finally {
    model.dispose();
  }
}

function readLayers(model: tfl.LayersModel, where: string): ForeignNetwork {
  const fail = (layer: Layer, what: string): never => {
    throw new FamilyError(where, `layer '${layer.name}' (${layer.getClassName()})`, what);
  };
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new FamilyError(where, `model '${model.name}'`, `${model.inputs.length} inputs and ${model.outputs.length} outputs; expected one of each`);
  }
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  // One chain: every layer reads the one before it.
  layers.forEach((layer, i) => {
    const inbound = layer.inboundNodes.flatMap((n) => n.inboundLayers).filter((l) => l.getClassName() !== 'InputLayer' || i > 0);
    const before = layers[i - 1];
    if (layer.inboundNodes.length > 1 || inbound.length > 1 || (before && inbound[0] !== before)) {
      fail(layer, `reads ${inbound.map((l) => `'${l.name}'`).join(', ') || 'nothing'}; the family is one chain of layers`);
    }
  });
  const shape = model.inputs[0]!.shape;
  let i = 0;
  const at = () => layers[i];
  const skipInert = () => {
    while (at() && INERT.has(at()!.getClassName())) i++;
  };
  let rank = shape.length;
  if (rank === 2 && at()?.getClassName() === 'Reshape') {
    const target = (at()!.getConfig() as Config).targetShape as number[];
    if (target.length !== 2 || target[1] !== 1) fail(at()!, `reshapes to [${target}]; expected [length, 1]`);
    rank = 3;
    i++;
  }
  if (rank !== 3 || (shape[2] !== 1 && shape[2] !== null)) {
    throw new FamilyError(where, `input '${model.inputs[0]!.name}'`, `shape [${shape.map(String)}]; expected [batch, length, 1] (Conv1D, channels last)`);
  }
  const length = shape[1];
  const inputLength = typeof length === 'number' && length > 0 ? length : undefined;

  const convs: ForeignConv[] = [];
  let channels = 1;
  for (skipInert(); at()?.getClassName() === 'Conv1D'; skipInert()) {
    const layer = at()!;
    const config = layer.getConfig() as Config;
    if ((config.dataFormat ?? 'channelsLast') !== 'channelsLast') fail(layer, `data format ${String(config.dataFormat)}`);
    if (first(config.dilationRate) !== 1) fail(layer, `dilation ${JSON.stringify(config.dilationRate)}; only undilated convolutions have the receptive fields the CAM assumes`);
    const padding = config.padding;
    if (padding !== 'same' && padding !== 'valid') fail(layer, `padding '${String(padding)}' (expected same or valid)`);
    const [kernelTensor, biasTensor] = layer.getWeights();
    const [k, cin, cout] = kernelTensor!.shape as [number, number, number];
    if (cin !== channels) fail(layer, `kernel of shape [${kernelTensor!.shape}] reads ${cin} channels; the layer before gives ${channels}`);
    const source = kernelTensor!.dataSync();
    const weight = new Float32Array(cout * cin * k);
    for (let o = 0; o < cout; o++) for (let c = 0; c < cin; c++) for (let t = 0; t < k; t++) weight[(o * cin + c) * k + t] = source[(t * cin + c) * cout + o]!;
    let conv: ForeignConv = {
      source: layer.name,
      weight: finiteValues(where, layer.name, 'kernel', weight),
      bias: config.useBias === false ? new Float32Array(cout) : finiteValues(where, layer.name, 'bias', biasTensor!.dataSync()),
      filters: cout,
      channelsIn: cin,
      kernel: k,
      stride: Number(first(config.strides)),
      group: 1,
      padding: padding as 'same' | 'valid',
    };
    i++;
    if (config.activation !== 'relu') {
      if (config.activation !== 'linear') fail(layer, `activation '${String(config.activation)}'; the family's is relu`);
      skipInert();
      if (at()?.getClassName() === 'BatchNormalization') {
        conv = foldBatchNorm(conv, batchNorm(at()!, fail), where);
        i++;
        skipInert();
      }
      if (!at() || !isRelu(at()!)) fail(at() ?? layer, `after conv layer '${layer.name}': expected a ReLU (ReLU or Activation('relu'))`);
      i++;
    }
    convs.push(conv);
    channels = conv.filters;
  }
  const pool = at();
  if (!pool) throw new FamilyError(where, `model '${model.name}'`, 'ends before global average pooling');
  if (convs.length === 0) fail(pool, 'expected a Conv1D layer first');
  if (pool.getClassName() !== 'GlobalAveragePooling1D') {
    fail(pool, `after the last conv layer '${convs[convs.length - 1]!.source}': expected GlobalAveragePooling1D`);
  }
  if (((pool.getConfig() as Config).dataFormat ?? 'channelsLast') !== 'channelsLast') fail(pool, 'data format channelsFirst');
  i++;
  for (skipInert(); at()?.getClassName() === 'Flatten'; skipInert()) i++;
  const dense = at();
  if (!dense || dense.getClassName() !== 'Dense') fail(dense ?? pool, 'after global average pooling: expected the Dense layer');
  const later = layers.slice(i + 1).find((l) => l.getClassName() === 'Dense');
  if (later) fail(later, `a second dense layer after '${dense!.name}'; the CAM needs the class scores to be one dense layer of the pooled features`);
  const denseConfig = dense!.getConfig() as Config;
  if (denseConfig.activation !== 'softmax' && denseConfig.activation !== 'linear') fail(dense!, `activation '${String(denseConfig.activation)}'; expected softmax or linear`);
  const [kernel, bias] = dense!.getWeights();
  const [features, classes] = kernel!.shape as [number, number];
  if (features !== channels) fail(dense!, `kernel of shape [${kernel!.shape}] takes ${features} features; global average pooling gives ${channels}`);
  const values = kernel!.dataSync();
  const weight = new Float32Array(classes * features);
  for (let c = 0; c < classes; c++) for (let f = 0; f < features; f++) weight[c * features + f] = values[f * classes + c]!;
  i++;
  skipInert();
  if (denseConfig.activation === 'linear' && at() && isSoftmax(at()!)) i++;
  if (at()) fail(at()!, `after the dense layer '${dense!.name}': expected the model's output`);
  return {
    format: 'tfjs-layers',
    ...(inputLength ? { inputLength } : {}),
    convs,
    classifier: {
      weight: finiteValues(where, dense!.name, 'kernel', weight),
      bias: denseConfig.useBias === false ? new Float32Array(classes) : finiteValues(where, dense!.name, 'bias', bias!.dataSync()),
      classes,
      source: dense!.name,
    },
  };
}

function isRelu(layer: Layer): boolean {
  const config = layer.getConfig() as Config;
  if (layer.getClassName() === 'Activation') return config.activation === 'relu';
  return layer.getClassName() === 'ReLU' && (config.maxValue ?? null) === null;
}

function isSoftmax(layer: Layer): boolean {
  const config = layer.getConfig() as Config;
  return (layer.getClassName() === 'Activation' && config.activation === 'softmax') || (layer.getClassName() === 'Softmax' && [undefined, -1, 1].includes(config.axis as number));
}

function batchNorm(layer: Layer, fail: (layer: Layer, what: string) => never) {
  const config = layer.getConfig() as Config;
  if (![-1, 2].includes(config.axis as number)) fail(layer, `normalises axis ${String(config.axis)}; expected the channels (-1)`);
  const weights = layer.getWeights().map((w) => w.dataSync());
  const n = weights[weights.length - 1]!.length;
  let at = 0;
  const scale = config.scale === false ? new Float32Array(n).fill(1) : weights[at++]!;
  const offset = config.center === false ? new Float32Array(n) : weights[at++]!;
  return { source: layer.name, scale, offset, mean: weights[at++]!, variance: weights[at++]!, epsilon: Number(config.epsilon ?? 1e-3) };
}
