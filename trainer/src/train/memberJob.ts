import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { BuildModelOptions } from '../model/buildModel.js';
import type { FitOptions, FitResult } from './fitModel.js';

/** What a worker needs to train one ensemble member: plain data, so it crosses threads. */
export interface MemberJob {
  member: number;
  backend: string;
  network: BuildModelOptions;
  fit: FitOptions;
  /** Preprocessed spectra, row-major [rows, p]. */
  spectra: Float32Array;
  p: number;
  labels: Int32Array;
  classes: number;
  train: number[];
  validation: number[];
  /** The checkpoint of an interrupted member to go on from (see FitOptions.start). */
  initialWeights?: { shape: number[]; values: Float32Array }[];
}

/** A trained member as it comes back: its weights in the order of model.getWeights(). */
export interface MemberResult {
  member: number;
  weights: { shape: number[]; values: Float32Array }[];
  fit: FitResult;
  restarts: number;
}

export type MemberMessage =
  | { type: 'epoch'; member: number; epoch: number; epochs: number; loss: number; valLoss: number; valAccuracy: number; bestEpoch: number; seconds: number }
  | { type: 'done'; result: MemberResult }
  | { type: 'error'; message: string };

/** Loads plain weights (as getWeights orders them) into a model. */
export function setWeightsFrom(model: LayersModel, weights: readonly { shape: number[]; values: Float32Array }[]): void {
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
