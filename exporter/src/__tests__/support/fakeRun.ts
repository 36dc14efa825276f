import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildModel } from '@spectracam/trainer';
import { coverage, modelGeometry } from '@spectracam/format';
import type { ConvSpec, Padding, Preprocessing, PreprocessingKind } from '@spectracam/format';
import type { RunFeatures, RunRecord } from '@spectracam/trainer';
import { applyPreprocessing, computeResidualFeatures, computeRunFeatures, fitPreprocessing, runPathCarrier } from '@spectracam/trainer';
import { setDerivativePath } from '@spectracam/test/support/derivativePath';
import { seededRandom } from '@spectracam/data';

// The trainer registers faster backends with a higher priority; tests compare against the
// plain JavaScript reference, so pin it before any model is built.
await tf.setBackend('cpu');

// Seeded test data: the trainer's PRNG, so every run sees the same spectra.
export { seededRandom };

/**
 * Raw spectra shaped like real ones: a sloped baseline with a large offset, a few Gaussian
 * bands whose heights depend on the class, and noise. Large offsets make the in-graph
 * preprocessing matter: a wrong or missing step shows up as gross differences.
 */
export function rawSpectra(
  n: number,
  p: number,
  classes: number,
  seed: number,
  scale = 1,
): { spectra: Float32Array[]; labels: number[] } {
  const random = seededRandom(seed);
  const spectra: Float32Array[] = [];
  const labels: number[] = [];
  for (let s = 0; s < n; s++) {
    const label = s % classes;
    const offset = 200 + 100 * random();
    const slope = 50 * random();
    const row = new Float32Array(p);
    for (let j = 0; j < p; j++) {
      const x = j / (p - 1);
      let v = offset + slope * x + 2 * (random() - 0.5);
      for (let b = 0; b < 4; b++) {
        const centre = (b + 1) / 5;
        const height = 40 * (1 + (b === label % 4 ? 1.5 : 0)) * (0.8 + 0.4 * random());
        v += height * Math.exp(-(((x - centre) / 0.03) ** 2));
      }
      row[j] = v * scale;
    }
    spectra.push(row);
    labels.push(label);
  }
  return { spectra, labels };
}

export interface FakeRunOptions {
  p: number;
  classes?: number;
  padding?: Padding;
  kernels?: ConvSpec['kernels'];
  strides?: ConvSpec['strides'];
  preprocessing?: PreprocessingKind;
  seed?: number;
  /** Training spectra the preprocessing is fitted on. */
  fitOn?: Float32Array[];
  /** Factor on the generated raw spectra. @default 1 */
  scale?: number;
  /** With the per-variable weighting layer, its weights drawn around 1. @default false */
  variableWeights?: boolean;
  /** With a linear path (layer 'readout'), its coefficients drawn at random. @default false */
  readout?: boolean;
  /** The path fitted on the derivative, its channels carrying the derivative variables (onDerivative; implies readout). */
  derivativeCarriers?: boolean;
}

/**
 * GAP features of `n` made-up spectra of the record's classes (rawSpectra, seed `seed`), by
 * `model`, split into training, validation and test halves and quarters: what the unknown-sample
 * score is fitted on.
 */
export function fakeFeatures(record: RunRecord, model: tfl.LayersModel, options: { n?: number; seed?: number; scale?: number } = {}): RunFeatures {
  const { n = 36, seed = 3, scale = 1 } = options;
  const classes = record.model.classes.length;
  const { spectra, labels } = rawSpectra(n, record.data.axis.length, classes, seed, scale);
  const pre = applyPreprocessing(record.preprocessing, spectra);
  const part = (from: number, to: number) => ({ spectra: pre.slice(from, to), labels: labels.slice(from, to) });
  const parts = { train: part(0, n / 2), validation: part(n / 2, (3 * n) / 4), test: part((3 * n) / 4, n) };
  // As trainRun makes them: the GAP features and the input subspace with each part's Q residual.
  return { ...computeRunFeatures(model, parts, runPathCarrier(record)), residual: computeResidualFeatures(parts) };
}

/** A run record and an untrained (random-weight) model: enough for parity, no training needed; with features of made-up spectra. */
export function fakeRun(options: FakeRunOptions): { record: RunRecord; model: tfl.LayersModel; features: RunFeatures } {
  const { p, classes = 3, padding = 'same', kernels = [7, 5, 3], strides = [2, 2, 2], seed = 7 } = options;
  const geometry = modelGeometry(p, { kernels, strides, padding });
  const draw = seededRandom(seed + 200);
  // As the trainer fits it: no weight on variables that no last-layer position sees.
  const reach = coverage(geometry);
  const readout = options.readout || options.derivativeCarriers
    ? { coef: Float32Array.from({ length: p * classes }, (_, k) => (reach[Math.floor(k / classes)]! > 0 ? (4 * (draw() - 0.5)) / p : 0)), centre: Float32Array.from({ length: p }, () => 0.5 + 0.2 * (draw() - 0.5)), intercept: Float32Array.from({ length: classes }, () => draw() - 0.5) }
    : undefined;
  const model = buildModel({ inputLength: p, classes, kernels, strides, padding, l2: 0, seed, variableWeights: options.variableWeights, ...(readout ? { readout } : {}) });
  // Non-zero biases so a dropped or misplaced bias cannot hide behind the zero initialiser.
  const random = seededRandom(seed + 100);
  for (const layer of model.layers) {
    const weights = layer.getWeights();
    if (layer.name === 'weights') layer.setWeights([tf.tensor(Array.from({ length: p }, () => 0.5 + random()), [p, 1])]);
    if (weights.length === 2 && layer.name !== 'readout') {
      const bias = tf.tensor(Array.from({ length: weights[1]!.size }, () => 0.1 * (random() - 0.5)), weights[1]!.shape);
      layer.setWeights([weights[0]!, bias]);
    }
  }
  const fitOn = options.fitOn ?? rawSpectra(20, p, classes, seed + 1, options.scale).spectra;
  const preprocessing: Preprocessing = fitPreprocessing(options.preprocessing ?? 'minmax-variable', fitOn);
  const axis = Array.from({ length: p }, (_, j) => 400 + (j * 3600) / (p - 1));
  const classNames = Array.from({ length: classes }, (_, c) => `class-${c}`);
  const record: RunRecord = {
    format: 'spectracam-run',
    version: 1,
    status: 'complete',
    createdAt: new Date(0).toISOString(),
    producer: { name: '@spectracam/trainer', version: '0.1.0' },
    data: {
      source: 'test:fakeRun',
      sha256: '0'.repeat(64),
      spectra: fitOn.length,
      variables: p,
      axis,
      unit: 'cm-1',
      classes: classNames,
      reader: {},
      warnings: [],
    },
    preprocessing,
    split: {
      protocol: 'random',
      seed,
      ratios: [0.7, 0.1, 0.2],
      stratified: true,
      ids: { train: [], validation: [], test: [] },
    },
    model: { architecture: 'spectracam-cnn1d', classes: classNames, geometry, l2: 0, ...(options.variableWeights ? { variableWeights: true } : {}), ...(readout ? { linearReadout: { components: 2 } } : {}) },
    training: {
      options: {},
      backend: 'cpu',
      seed,
      epochs: 0,
      epochsRun: 0,
      bestEpoch: 0,
      batchSize: 16,
      learningRate: 0.001,
      patience: 10,
      secondsPerEpoch: 0,
      history: [],
    },
    metrics: {
      train: { accuracy: 0, n: 0, confusion: [] },
      validation: { accuracy: 0, n: 0, confusion: [] },
      test: { accuracy: 0, n: 0, confusion: [] },
    },
  };
  const run = options.derivativeCarriers ? onDerivative(record, model, true) : { record, model };
  return { ...run, features: fakeFeatures(run.record, run.model, { seed: seed + 2, scale: options.scale }) };
}

/** The linear path fitted on the derivative (setDerivativePath) with small seeded coefficients; `carriers` as there. */
export function onDerivative(record: RunRecord, model: tfl.LayersModel, carriers: boolean, seed = 11): { record: RunRecord; model: tfl.LayersModel } {
  let state = seed;
  const draw = () => ((state = (state * 16807) % 2147483647) / 2147483647 - 0.5) * 0.02;
  const linearReadout = setDerivativePath(model, record, draw, carriers);
  return { record: { ...record, model: { ...record.model, linearReadout } }, model };
}
