import type { TrainOptions } from '../train/trainOptions.js';

/**
 * The training recipe for the built-in synthetic Raman set (generateSynthetic): SNV (each spectrum
 * carries a random offset), kernels 21/11/11 with strides 2/2/1 and valid padding (Conv3 every 4
 * variables, no zero-padding edge next to SNV spectra). Why each choice, with the figures, is in
 * docs/measurements.md ("Synthetic recipe").
 */
export const SYNTHETIC_TRAIN_OPTIONS: Readonly<Partial<TrainOptions>> = Object.freeze({
  epochs: 20,
  preprocess: 'snv',
  kernels: [21, 11, 11],
  strides: [2, 2, 1],
  padding: 'valid',
  learningRate: 3e-3,
  batchSize: 32,
  // One plain network: its CAM peaks on the bands more often than the variable-weighted ensemble's
  // or the linear path's (docs/measurements.md), and the quickstart stays short.
  variableWeights: false,
  members: 1,
  linearReadout: false,
} satisfies Partial<TrainOptions>);
