import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { EpochRecord } from '../run/runRecord.js';
import { evaluateModel } from './evaluateModel.js';
import { seededRandom, shuffledIndices } from '@spectracam/data';
import { trainEpoch } from './trainEpoch.js';

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without a validation loss lower by more than MIN_DELTA before stopping. */
  patience: number;
  /** Seeds the order of the mini-batches and the noise. */
  seed: number;
  /** Standard deviation of Gaussian noise added to each training batch (0: none). @default 0 */
  noise?: number;
  /**
   * Which epoch counts as best (restored at the end, and the one patience counts from): 'loss' =
   * lowest validation loss; 'accuracy' = highest validation accuracy, ties broken by the lower
   * validation loss. @default 'loss'
   */
  restoreBy?: 'loss' | 'accuracy';
  /** Multiply the learning rate by this factor after every epoch (1: constant). @default 1 */
  lrDecay?: number;
  /**
   * Continue an interrupted fit: the epochs it ran and its best epoch, whose weights the model
   * holds. Epochs go on from there with a batch order seeded anew (Adam's moments start afresh).
   */
  start?: { history: readonly EpochRecord[]; bestEpoch: number };
}

/** Smallest drop of the validation loss (mean cross-entropy, nats per spectrum) that counts as a better epoch. */
export const MIN_DELTA = 1e-4;

/**
 * Training stops once both parts are separated: every spectrum right and a mean cross-entropy below
 * this (a mean probability of the true class above 0.99). Past that point an epoch can only shave
 * the loss of spectra already classified with confidence, and a network that starts from a linear
 * path that separates the data would otherwise run its whole patience for nothing.
 */
export const SEPARATED_LOSS = 0.01;
const separated = (r: EpochRecord) => r.accuracy === 1 && r.valAccuracy === 1 && r.loss < SEPARATED_LOSS && r.valLoss < SEPARATED_LOSS;

export interface FitProgress {
  epoch: number;
  epochs: number;
  record: EpochRecord;
  bestEpoch: number;
}

export interface FitHooks {
  onEpoch?: (progress: FitProgress) => void;
  /** Checked after every batch: an abort ends training there and keeps the best weights so far. */
  signal?: AbortSignal;
}

export interface FitResult {
  history: EpochRecord[];
  bestEpoch: number;
  interrupted: boolean;
  secondsPerEpoch: number;
}

/**
 * Adam on cross-entropy + the model's L2 terms, seeded mini-batch order, early stopping on the
 * validation loss (the training loss when there is no validation part) with the best weights
 * restored. A custom loop rather than model.fit: it is deterministic per seed, stops mid-epoch on
 * abort, and skips fit's per-batch callbacks and metric tensors.
 */
export async function fitModel(
  model: LayersModel,
  data: { spectra: Float32Array[]; labels: Int32Array; classes: number; train: number[]; validation: number[] },
  options: FitOptions,
  hooks: FitHooks = {},
): Promise<FitResult> {
  const { spectra, labels, classes, train, validation } = data;
  if (train.length === 0) throw new RangeError('fitModel: the training part is empty');
  const done = options.start?.history.length ?? 0;
  const random = seededRandom(done === 0 ? options.seed : options.seed + 7919 * done);
  const decay = options.lrDecay ?? 1;
  const optimizer = tf.train.adam(options.learningRate * decay ** done);
  const history: EpochRecord[] = [...(options.start?.history ?? [])];
  let best: { loss: number; accuracy: number; epoch: number; weights: tf.Tensor[] } | undefined;
  const startBest = options.start ? history[options.start.bestEpoch - 1] : undefined;
  if (startBest) best = { loss: startBest.valLoss, accuracy: startBest.valAccuracy, epoch: startBest.epoch, weights: model.getWeights().map((w) => w.clone()) };
  const byAccuracy = options.restoreBy === 'accuracy';
  // A loss lower by less than MIN_DELTA is no progress: once a linear path separates the data the
  // validation loss creeps from 1e-6 towards 0 every epoch, and patience would never run out.
  const lower = (loss: number, than: number) => loss < than - MIN_DELTA;
  const better = (r: EpochRecord, b: { loss: number; accuracy: number }) =>
    byAccuracy ? r.valAccuracy > b.accuracy || (r.valAccuracy === b.accuracy && lower(r.valLoss, b.loss)) : lower(r.valLoss, b.loss);
  let interrupted = false;
  let seconds = 0;
  try {
    for (let epoch = done + 1; epoch <= options.epochs && !interrupted; epoch++) {
      const started = performance.now();
      const order = shuffledIndices(train.length, random).map((i) => train[i]!);
      const pass = await trainEpoch(model, optimizer, { spectra, labels, classes }, order, options.batchSize, () => hooks.signal?.aborted ?? false, { noise: options.noise ?? 0, random });
      interrupted = pass.stopped;
      if (interrupted && best) break; // a partial epoch never replaces a complete one
      const valEval = validation.length > 0 ? evaluateModel(model, spectra, labels, classes, validation) : undefined;
      const elapsed = (performance.now() - started) / 1000;
      seconds += elapsed;
      const record: EpochRecord = {
        epoch,
        loss: pass.loss,
        accuracy: pass.accuracy,
        valLoss: valEval?.loss ?? pass.loss,
        valAccuracy: valEval?.accuracy ?? pass.accuracy,
        seconds: elapsed,
      };
      history.push(record);
      if (!best || better(record, best)) {
        if (best) tf.dispose(best.weights);
        best = { loss: record.valLoss, accuracy: record.valAccuracy, epoch, weights: model.getWeights().map((w) => w.clone()) };
      }
      // Adam reads its learningRate field on every step, so an exponential schedule is one assignment.
      if (decay !== 1) (optimizer as unknown as { learningRate: number }).learningRate = options.learningRate * decay ** epoch;
      hooks.onEpoch?.({ epoch, epochs: options.epochs, record, bestEpoch: best.epoch });
      if (hooks.signal?.aborted) interrupted = true;
      if (epoch - best.epoch >= options.patience) break;
      if (separated(record)) break;
    }
    if (best) model.setWeights(best.weights);
    return {
      history,
      bestEpoch: best?.epoch ?? 0,
      interrupted,
      secondsPerEpoch: history.length > done ? seconds / (history.length - done) : 0,
    };
  } finally {
    if (best) tf.dispose(best.weights);
    optimizer.dispose();
  }
}
