import * as tfl from '@tensorflow/tfjs-layers';
import { FILTERS, type ConvSpec } from '@spectracam/format';
import { VariableWeights } from './variableWeights.js';
import { LinearReadout } from './linearReadoutLayer.js';

/** Layer names are part of the contract with the exporter: it refuses any other layer. */
export const LAYER_NAMES = ['weights', 'conv1', 'conv2', 'conv3', 'gap', 'classifier', 'readout'] as const;

export interface BuildModelOptions extends ConvSpec {
  inputLength: number;
  classes: number;
  /** L2 penalty on the conv and dense kernels (study: lambda * ||w||^2). */
  l2: number;
  /** Seed for the weight initialisers; the same seed gives the same initial weights. */
  seed: number;
  /** A learned weight per input variable before Conv1 (see VariableWeights). @default false */
  variableWeights?: boolean;
  /**
   * A fixed linear path (layer 'readout'): the classifier's logits plus a linear discriminant of the
   * spectrum. `true` builds it empty (weights loaded afterwards); values set it. The classifier then
   * starts at zero, so the network starts exactly where the discriminant is.
   */
  readout?: true | { coef: Float32Array; centre: Float32Array; intercept: Float32Array };
}

/**
 * The study's 1-D CNN: Conv1/2/3 (16/32/64 filters, ReLU), global average pooling and a dense
 * softmax. Input [batch, p, 1] (channels-last, as TensorFlow.js wants); the preprocessing is
 * applied before the model in training and inside the graph after export.
 */
export function buildModel(options: BuildModelOptions): tfl.LayersModel {
  const input = tfl.input({ shape: [options.inputLength, 1], name: 'spectra' });
  return tfl.model({ inputs: input, outputs: applyNetwork(input, options), name: 'spectracam_cnn1d' });
}

/** The network's layers applied to `input`, each named `prefix` + its contract name (conv1, ...). */
export function applyNetwork(input: tfl.SymbolicTensor, options: BuildModelOptions, prefix = ''): tfl.SymbolicTensor {
  const { classes, l2, seed } = options;
  // TensorFlow.js treats an initialiser seed of 0 as "unseeded" (Math.random): keep every seed >= 1.
  const layerSeed = (layer: number) => seed * 8 + layer + 1;
  let x: tfl.SymbolicTensor = options.variableWeights ? (new VariableWeights({ name: `${prefix}weights` }).apply(input) as tfl.SymbolicTensor) : input;
  for (let l = 0; l < 3; l++) {
    x = tfl.layers
      .conv1d({
        name: `${prefix}conv${l + 1}`,
        filters: FILTERS[l]!,
        kernelSize: options.kernels[l]!,
        strides: options.strides[l]!,
        padding: options.padding,
        activation: 'relu',
        kernelInitializer: tfl.initializers.heNormal({ seed: layerSeed(l) }),
        biasInitializer: 'zeros',
        kernelRegularizer: l2 > 0 ? tfl.regularizers.l2({ l2 }) : undefined,
      })
      .apply(x) as tfl.SymbolicTensor;
  }
  x = tfl.layers.globalAveragePooling1d({ name: `${prefix}gap` }).apply(x) as tfl.SymbolicTensor;
  const readout = options.readout;
  const scores = tfl.layers
    .dense({
      name: `${prefix}classifier`,
      units: classes,
      activation: readout ? 'linear' : 'softmax',
      kernelInitializer: readout ? tfl.initializers.zeros() : tfl.initializers.glorotUniform({ seed: layerSeed(3) }),
      kernelRegularizer: l2 > 0 ? tfl.regularizers.l2({ l2 }) : undefined,
    })
    .apply(x) as tfl.SymbolicTensor;
  if (!readout) return scores;
  return new LinearReadout({ name: `${prefix}readout`, ...(readout === true ? {} : { values: readout }) }).apply([input, scores]) as tfl.SymbolicTensor;
}
