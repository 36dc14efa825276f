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
}

/** A trained member as it comes back: its weights in the order of model.getWeights(). */
export interface MemberResult {
  member: number;
  weights: { shape: number[]; values: Float32Array }[];
  fit: FitResult;
}

export type MemberMessage =
  | { type: 'epoch'; member: number; epoch: number; epochs: number; loss: number; valLoss: number; valAccuracy: number; bestEpoch: number; seconds: number }
  | { type: 'done'; result: MemberResult }
  | { type: 'error'; message: string };
