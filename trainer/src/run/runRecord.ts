import type { ReadoutInput } from '../linear/pathReadout.js';
import type { SplitProtocol } from '@spectracam/data';
import type { ModelGeometry, Preprocessing } from '@spectracam/format';

/** Files of a run directory (`spectracam train --out DIR`). */
export const RUN_FILES = {
  record: 'run.json',
  /** TensorFlow.js layers model: topology + weights manifest, and the weights. */
  modelJson: 'model/model.json',
  weights: 'model/weights.bin',
  /**
   * The classifier's input (GAP features) of every spectrum of the split, by the trained model: what
   * the exporter fits the unknown-sample score on. Absent in runs written before them; readRun reads
   * them when present, and export refuses a run without them.
   */
  featuresIndex: 'features/gap.json',
  features: 'features/gap.bin',
  /** The training part's input subspace and every part's Q residual, the unknown-sample score's second half (absent in older runs). */
  residualIndex: 'features/residual.json',
  residual: 'features/residual.bin',
} as const;

/** The files every run directory has (the features are checked by what needs them). */
export const REQUIRED_RUN_FILES = [RUN_FILES.record, RUN_FILES.modelJson, RUN_FILES.weights] as const;

export interface Metrics {
  accuracy: number;
  /** Number of spectra evaluated. */
  n: number;
  /** confusion[true][predicted], rows and columns in the order of `classes`. */
  confusion: number[][];
  /** Share of each class's spectra predicted as that class (NaN for a class absent from the part). */
  recall?: number[];
  /** Mean recall over the classes present: what a majority-class guess cannot inflate. */
  balancedAccuracy?: number;
}

/** Recall per class and balanced accuracy from a confusion matrix (confusion[true][predicted]). */
export function recallOf(confusion: readonly (readonly number[])[]): { recall: number[]; balancedAccuracy: number } {
  const recall = confusion.map((row, c) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n > 0 ? row[c]! / n : Number.NaN;
  });
  const present = recall.filter((r) => !Number.isNaN(r));
  return { recall, balancedAccuracy: present.length ? present.reduce((a, b) => a + b, 0) / present.length : Number.NaN };
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
    /** A learned weight per input variable before Conv1 (absent: none). */
    variableWeights?: boolean;
    /** A fixed linear path (PLS-LDA with this many latent variables) added to the classifier's logits, on the network input or the spectrum's Savitzky-Golay derivative (absent in older runs: the input). */
    linearReadout?: {
      components: number;
      input?: ReadoutInput;
      /** On the derivative: its coefficients on D raw, [p, C] row-major (absent in older runs), for the `contribution` explanation. */
      derivativeCoef?: number[];
      /**
       * 'derivative': the exported path channels carry each derivative variable's share (trainer's
       * pathCarrier); absent in older runs, whose channels carry the share folded onto the input.
       */
      carriers?: 'derivative';
      /** How the path's input and latent variables were chosen (absent in older runs: RMSEC + RMSEV on the validation part, fitted on the training part). */
      selection?: PathSelectionRecord;
    };
    /** Networks of the ensemble, trained with seeds seed + 1000 m (absent: one). */
    members?: number;
  };
  training: {
    /**
     * The options trainRun was given (without `reader` and `backend`): what a resumed or repeated
     * training must match, and what `train --resume` continues with.
     */
    options: Record<string, unknown>;
    /** With `preprocess: 'auto'`: the lowest validation loss of one network per candidate (the lowest chose). */
    preprocessSelection?: Record<string, number>;
    /**
     * The parts the networks' weights were fitted on, where that is not the training part alone: the
     * linear path's cross-validation found no candidate above the no-information rate (`pathLeftOut`),
     * so the networks fitted train + validation and stopped on their training loss. Their validation
     * accuracy and features are then not held out.
     */
    fittedOn?: ['train', 'validation'];
    /** The linear path's cross-validation when it found nothing above chance: the path was left out of the model, and the preprocessing is SNV where it was a candidate (it removes each spectrum's offset and scale, what most often differs between samples). */
    pathLeftOut?: PathSelectionRecord;
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
    /** Epochs of the first member (of the network, without an ensemble). */
    history: EpochRecord[];
    /** Per member of an ensemble: its seed and how its training went. */
    /** `restarts`: fresh initialisations a member took because the earlier ones learned nothing (its history is the last one's). */
    members?: { seed: number; status: 'complete' | 'interrupted'; epochsRun: number; bestEpoch: number; secondsPerEpoch: number; history: EpochRecord[]; restarts?: number }[];
    /** A single network's `restarts`, as a member's. */
    restarts?: number;
  };
  metrics: { train: Metrics; validation: Metrics; test: Metrics };
}

/**
 * The linear path's inner cross-validation over the training and validation parts: each candidate
 * preprocessing's best number of latent variables with its held-out accuracy and RMSECV; the path
 * was then refitted on `fittedOn` (so the validation part's accuracy is not held out for it).
 */
export interface PathSelectionRecord {
  method: 'cross-validation';
  folds: number;
  unit: 'group' | 'spectrum';
  fittedOn: ['train', 'validation'];
  candidates: { preprocessing: string; components: number; accuracy: number; rmsecv: number }[];
  /** The largest class's share of the rows: a candidate must beat it held out to decide (absent in older runs). */
  noInformationRate?: number;
  /** 'network' (runs before training.fittedOn): no candidate beat the no-information rate, so one network per candidate chose by its validation loss. */
  decidedBy?: 'cross-validation' | 'network';
}
