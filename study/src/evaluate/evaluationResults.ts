import type { SplitProtocol } from '@spectracam/data';
import type { TrainOptions } from '@spectracam/trainer';
import type { LatentVariableScore } from '@spectracam/trainer';

/** Mean and (sample) standard deviation of a list of numbers. */
export interface MeanStd {
  mean: number;
  std: number;
  n: number;
}

export interface ConfusionSummary {
  confusion: number[][];
  recall: number[];
  balancedAccuracy: number;
}

export interface PartAccuracies {
  train: number;
  validation: number;
  test: number;
}

/** Per class statistics of scaled CAMs over correctly classified test spectra. */
export interface ClassMaps {
  n: number;
  mean: number[];
  std: number[];
  /** Share of spectra with each variable in their top `fraction`. */
  frequency: number[];
  /** Mean raw (unpreprocessed) spectrum of the class's correctly classified test spectra. */
  spectrum: number[];
}

export interface CnnRunResult {
  repeat: number;
  seed: number;
  /** Run directory relative to the evaluation folder. */
  dir: string;
  accuracy: PartAccuracies;
  epochsRun: number;
  seconds: number;
}

export interface MisclassifiedSpectrum {
  partition: number;
  repeat: number;
  id: string;
  trueLabel: string;
  predicted: string;
  /** Scaled CAM of the predicted class. */
  map: number[];
  spectrum: number[];
}

export interface PartitionResult {
  index: number;
  /** Partition 0 is the base partition (split seed 0); the others are random re-draws. */
  base: boolean;
  splitSeed: number;
  protocol: SplitProtocol;
  warning?: string;
  ids: { train: string[]; validation: string[]; test: string[] };
  cnn: {
    runs: CnnRunResult[];
    mean: PartAccuracies;
    std: PartAccuracies;
    /** Class statistics of the scaled CAM, pooled over the repeats' test spectra. */
    classMaps: Record<string, ClassMaps>;
  };
  plsLda?: {
    components: number;
    accuracy: PartAccuracies;
    scores: LatentVariableScore[];
    vip: number[];
    /** Mean VIP per class is not defined: VIP is one vector for the whole model. */
  };
}

/** Feature maps and decision of one model, for the figures that look inside the network. */
export interface InsideTheNetwork {
  partition: number;
  repeat: number;
  /** Per class: feature maps [filters][length] of each conv layer for the class's mean spectrum. */
  featureMaps: Record<string, { conv1: number[][]; conv2: number[][]; conv3: number[][] }>;
  /** Share of all-zero maps per layer, over the class mean spectra. */
  deadShare: { conv1: number; conv2: number; conv3: number };
  /** Classifier weights [C][64] and biases [C]. */
  weights: number[][];
  bias: number[];
  /**
   * The decision for one test spectrum: GAP outputs, class sums (logits) and, for a network with a linear
   * path, that path's logit per class (PLS-LDA on the input, included in the sums).
   */
  decision: { id: string; trueLabel: string; predicted: string; gap: number[]; sums: number[]; path?: number[] };
  /** Conv1 kernels (first input channel) with the closest Savitzky-Golay kernel. */
  kernels: { filter: number; kernel: number[]; match: { window: number; order: number; derivative: number; coefficients: number[]; cosine: number } }[];
}

export interface EvaluationResults {
  format: 'spectracam-evaluation';
  version: 1;
  createdAt: string;
  data: {
    source: string;
    spectra: number;
    variables: number;
    unit: string;
    axis: number[];
    classes: string[];
    classCounts: Record<string, number>;
    groups: boolean;
  };
  settings: {
    partitions: number;
    repeats: number;
    protocol: SplitProtocol;
    ratios: [number, number, number];
    baseline: 'pls-lda' | 'none';
    fraction: number;
    train: TrainOptions;
    /** TensorFlow.js backend that ran. */
    backend: string;
  };
  partitions: PartitionResult[];
  summary: {
    cnn: { train: MeanStd; validation: MeanStd; test: MeanStd };
    plsLda?: { train: MeanStd; validation: MeanStd; test: MeanStd; components: number[] };
    /** 1-NN (Euclidean, raw spectra; reference = train + validation) on the same partitions. */
    nearestNeighbour?: { train: MeanStd; validation: MeanStd; test: MeanStd };
    /** Mean pairwise Pearson correlation between the partitions' class-mean maps, per class. */
    camStability: Record<string, number>;
    vipStability?: number;
    /** Test parts pooled over partitions (and repeats): confusion[true][predicted] in class order, recall per class, balanced accuracy. */
    testConfusion?: Record<'cnn' | 'plsLda', ConfusionSummary | undefined>;
  };
  misclassified: MisclassifiedSpectrum[];
  inside?: InsideTheNetwork;
  seconds: number;
}
