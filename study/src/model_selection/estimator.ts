import type { Dataset, SplitProtocol } from '@spectracam/data';

/** Row indices of one partition of a data set, as a splitter draws it. */
export interface Partition {
  index: number;
  /** Seed the split was drawn with. */
  seed: number;
  protocol: SplitProtocol;
  warning?: string;
  train: number[];
  validation: number[];
  test: number[];
}

export const PARTS = ['train', 'validation', 'test'] as const;
export type Part = (typeof PARTS)[number];

/** Where and how often an estimator is fitted: what `fit` is told. */
export interface FitRequest {
  dataset: Dataset;
  partition: Partition;
  /** 0-based repeat of the same estimator on the same partition (differently seeded fits). */
  repeat: number;
  signal?: AbortSignal;
}

/** A fitted model: predicts the class of data set rows. */
export interface Fitted {
  predict(rows: readonly number[]): Promise<string[]> | string[];
  /** Frees what the model holds (tensors); called once its partition is done with it. */
  dispose?(): void;
}

/**
 * Anything that learns classes from a partition's training (and validation) rows, as
 * scikit-learn's estimators do: the CNN and PLS-LDA are two of them.
 */
export interface Estimator<F extends Fitted = Fitted> {
  readonly name: string;
  /** Fits per partition (the CNN's repeated seeds; 1 for a deterministic model). */
  readonly repeats: number;
  fit(request: FitRequest): Promise<F>;
}

/** Draws the partitions of an evaluation. */
export interface Splitter {
  partitions(dataset: Dataset): AsyncIterable<Partition>;
}
