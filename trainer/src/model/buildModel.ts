import * as tfl from '@tensorflow/tfjs-layers';
import { FILTERS, type ConvSpec } from '@spectracam/format';

/** Layer names are part of the contract with the exporter: it refuses any other layer. */
export const LAYER_NAMES = ['conv1', 'conv2', 'conv3', 'gap', 'classifier'] as const;

export interface BuildModelOptions extends ConvSpec {
  inputLength: number;
  classes: number;
  /** L2 penalty on the conv and dense kernels (study: lambda * ||w||^2). */
  l2: number;
  /** Seed for the weight initialisers; the same seed gives the same initial weights. */
  seed: number;
}

/**
 * The study's 1-D CNN: Conv1/2/3 (16/32/64 filters, ReLU), global average pooling and a dense
 * softmax. Input [batch, p, 1] (channels-last, as TensorFlow.js wants); the preprocessing is
 * applied before the model in training and inside the graph after export.
 */
export function buildModel(options: BuildModelOptions): tfl.LayersModel {
  const { inputLength, classes, l2, seed } = options;
  // TensorFlow.js treats an initialiser seed of 0 as "unseeded" (Math.random): keep every seed >= 1.
  const layerSeed = (layer: number) => seed * 8 + layer + 1;
  const input = tfl.input({ shape: [inputLength, 1], name: 'spectra' });
  let x: tfl.SymbolicTensor = input;
  for (let l = 0; l < 3; l++) {
    x = tfl.layers
      .conv1d({
        name: `conv${l + 1}`,
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
  x = tfl.layers.globalAveragePooling1d({ name: 'gap' }).apply(x) as tfl.SymbolicTensor;
  const output = tfl.layers
    .dense({
      name: 'classifier',
      units: classes,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: layerSeed(3) }),
      kernelRegularizer: l2 > 0 ? tfl.regularizers.l2({ l2 }) : undefined,
    })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: 'spectracam_cnn1d' });
}

