import type { SplitProtocol } from '@spectracam/data';
import type { ModelGeometry, Preprocessing } from '@spectracam/format';

/** Files of a run directory (`spectracam train --out DIR`). */
export const RUN_FILES = {
  record: 'run.json',
  /** TensorFlow.js layers model: topology + weights manifest, and the weights. */
  modelJson: 'model/model.json',
  weights: 'model/weights.bin',
} as const;

export interface Metrics {
  accuracy: number;
  /** Number of spectra evaluated. */
  n: number;
  /** confusion[true][predicted], rows and columns in the order of `classes`. */
  confusion: number[][];
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  seconds: number;
}


/** Everything about one training run; the single source of truth the exporter reads. */
export interface RunRecord {
  format: 'spectracam-run';
  version: 1;
  status: 'complete' | 'interrupted';
  createdAt: string;
  producer: { name: string; version: string };
  data: {
    source: string;
    /** sha256 over axis, spectra, ids and labels as loaded (not over file bytes), hex. */
    sha256: string;
    spectra: number;
    variables: number;
    axis: number[];
    unit: string;
    classes: string[];
    /** Reader options used, so the data can be loaded again the same way. */
    reader: Record<string, unknown>;
    /** Per-variable minimum and maximum of the raw training spectra (absent in older runs). */
    range?: { min: number[]; max: number[] };
    warnings: string[];
  };
  preprocessing: Preprocessing;
  split: {
    protocol: SplitProtocol;
    seed: number;
    ratios: [number, number, number];
    stratified: boolean;
    /** Set when the protocol can leak near-duplicates across parts. */
    warning?: string;
    /** Split file used with protocol `file`. */
    file?: string;
    ids: { train: string[]; validation: string[]; test: string[] };
  };
  model: {
    architecture: 'spectracam-cnn1d';
    classes: string[];
    geometry: ModelGeometry;
    l2: number;
  };
  training: {
    /**
     * The options trainRun was given (without `reader` and `backend`): what a resumed or repeated
     * training must match, and what `train --resume` continues with.
     */
    options: Record<string, unknown>;
    backend: string;
    seed: number;
    epochs: number;
    epochsRun: number;
    bestEpoch: number;
    batchSize: number;
    learningRate: number;
    patience: number;
    /** Std of the Gaussian noise added to training batches (absent: none). */
    noise?: number;
    secondsPerEpoch: number;
    history: EpochRecord[];
  };
  metrics: { train: Metrics; validation: Metrics; test: Metrics };
}
