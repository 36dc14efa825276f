import type { BackendName } from '../backends/setBackend.js';
import type { Padding, PreprocessingKind } from '@spectracam/format';
import type { ReadoutInput } from '../linear/pathReadout.js';

/** Options of trainRun; every field has a default that reaches the study's accuracy on meat. */
export interface TrainOptions {
  /** Maximum epochs. @default 1800 optimiser steps' worth, at most 300 (see stepDefaults) */
  epochs?: number;
  /** Mini-batch size. @default 16 below 200 training spectra, else 32 */
  batchSize?: number;
  /**
   * Adam learning rate. @default 0.005 below 200 training spectra, else 0.003 (on small sets fewer,
   * larger batches at a higher rate train as well in less time: docs/measurements.md).
   */
  learningRate?: number;
  /** L2 penalty on the conv and dense kernels. @default 0.001 */
  l2?: number;
  /** Epochs without a lower validation loss before stopping (best weights restored). @default 240 optimiser steps' worth, 10 to 40 epochs (see stepDefaults) */
  patience?: number;
  /** Standard deviation of Gaussian noise added to each preprocessed training batch. @default 0 */
  noise?: number;
  /** Best epoch (restored; patience counts from it): lowest validation loss, or highest validation accuracy then lowest loss. @default 'loss' */
  restoreBy?: 'loss' | 'accuracy';
  /** Learning rate multiplied by this after every epoch. @default 1 */
  lrDecay?: number;
  /**
   * @default 'auto': min-max per variable (study Eq. 9) or SNV, whichever one network validates better
   * on (training data only); `--architecture study` keeps min-max per variable.
   */
  preprocess?: PreprocessingKind | 'auto';
  /** Conv kernel sizes. @default defaultConvSpec(p) */
  kernels?: [number, number, number];
  /** Conv strides. @default defaultConvSpec(p) */
  strides?: [number, number, number];
  /** @default 'same' */
  padding?: Padding;
  /** A learned weight per input variable before Conv1 (the variable-weighted CNN). */
  variableWeights?: boolean;
  /**
   * A linear path into the last layer, fixed at PLS-LDA fitted on the preprocessed training part
   * (latent variables by RMSEC + RMSEV on the validation part): the network starts where PLS-LDA is
   * and learns what it misses. Needs a validation part. @default true
   */
  linearReadout?: boolean;
  /**
   * What the linear path reads: the network input, or the study's Savitzky-Golay first derivative of
   * the spectrum (window 11, quadratic), its input to PLS-LDA on Raman spectra. @default 'auto': the
   * derivative when the axis looks like Raman (cm-1 reaching below 400, as `evaluate` decides for its PLS-LDA), else the input
   */
  linearReadoutInput?: 'auto' | ReadoutInput;
  /** Networks trained with different seeds and exported as one (mean logits). @default 1 */
  members?: number;
  /** Worker threads that train members side by side (1: all in this thread). @default one per core, at most `members` */
  threads?: number;
  /** @default 'auto' (group-aware when the data set has groups) */
  split?: 'auto' | 'group-aware' | 'random' | 'file';
  /** CSV naming each spectrum's part, with split 'file'. */
  splitFile?: string;
  /** @default [0.7, 0.1, 0.2] */
  ratios?: [number, number, number];
  /** Seeds the split, the initial weights and the batch order. @default 1 */
  seed?: number;
  /** Backend to switch to first; without it the active TensorFlow.js backend runs. */
  backend?: BackendName;
  /** Reader options used to load the data, stored in the record so it can be loaded again. */
  reader?: Record<string, unknown>;
}

export const trainDefaults = {
  l2: 1e-3,
  noise: 0,
  restoreBy: 'loss' as 'loss' | 'accuracy',
  lrDecay: 1,
  preprocess: 'auto' as PreprocessingKind | 'auto',
  padding: 'same' as Padding,
  ratios: [0.7, 0.1, 0.2] as [number, number, number],
  seed: 1,
  // The variable-weighted network as an ensemble: bench/results/accuracy.json, docs/measurements.md.
  variableWeights: true,
  members: 3,
  linearReadout: true,
  linearReadoutInput: 'auto' as 'auto' | ReadoutInput,
};

/** The study's network unchanged (`--architecture study`): one network, no variable weights. */
export const STUDY_ARCHITECTURE: Readonly<TrainOptions> = Object.freeze({ variableWeights: false, members: 1, preprocess: 'minmax-variable', linearReadout: false });

/** Defaults that depend on the size of the training part (see TrainOptions). */
export function sizeDefaults(trainSpectra: number): { batchSize: number; learningRate: number } {
  return trainSpectra < 200 ? { batchSize: 16, learningRate: 0.005 } : { batchSize: 32, learningRate: 3e-3 };
}

/**
 * Epoch limit and patience measured in optimiser steps, not passes over the data: a pass over 600
 * spectra is 19 steps, over 60 spectra 4, so a fixed count of epochs waits five times longer on
 * the larger set for the same progress. 1800 steps and 240 steps of patience are what 300 and 40
 * epochs were on the small sets they were measured on (docs/measurements.md); patience keeps a floor
 * of 10 epochs so a validation loss that is noisy from pass to pass still gets a chance.
 */
export function stepDefaults(trainSpectra: number, batchSize: number): { epochs: number; patience: number } {
  const steps = Math.max(1, Math.ceil(trainSpectra / batchSize));
  return { epochs: Math.min(300, Math.ceil(1800 / steps)), patience: Math.min(40, Math.max(10, Math.ceil(240 / steps))) };
}

export interface TrainProgress {
  stage: 'split' | 'preprocess' | 'train' | 'evaluate';
  epoch?: number;
  epochs?: number;
  loss?: number;
  valLoss?: number;
  valAccuracy?: number;
  bestEpoch?: number;
  secondsPerEpoch?: number;
  /** The ensemble member being trained (0-based) and how many there are. */
  member?: number;
  members?: number;
}

export interface TrainHooks {
  onProgress?: (progress: TrainProgress) => void;
  /** Aborting stops after the current batch; the run keeps the best weights and says 'interrupted'. */
  signal?: AbortSignal;
}
