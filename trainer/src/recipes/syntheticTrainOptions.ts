import type { TrainOptions } from '../train/trainOptions.js';

/**
 * One plain network for the built-in synthetic Raman set (generateSynthetic): SNV (each spectrum
 * carries a random offset), kernels 21/11/11 with strides 2/2/1 and valid padding (Conv3 every 4
 * variables, no zero-padding edge next to SNV spectra). `train` and `quickstart` use the defaults
 * like any data; this network serves the web demo's example (small and quick in a browser) and the
 * on-band regression tests and benchmarks of issue 4. Why each choice, with the figures, is in
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
  // One plain network: its CAM peaks within 10 cm-1 of a band's position more often than the default
  // network's (docs/measurements.md), and the example model stays small.
  variableWeights: false,
  members: 1,
  linearReadout: false,
} satisfies Partial<TrainOptions>);
