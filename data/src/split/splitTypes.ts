/** How a data set was split: keeping groups together, at random, or from a split file. */
export type SplitProtocol = 'group-aware' | 'random' | 'file';

export interface SplitOptions {
  /** `auto`: group-aware when the data set has groups, else random. @default 'auto' */
  protocol?: 'auto' | SplitProtocol;
  /** @default 1 */
  seed?: number;
  /** train : validation : test. @default [7, 1, 2] */
  ratios?: [number, number, number];
  /** CSV for protocol `file` (columns `column` and/or `sample`/`id`, and `split`). */
  splitFile?: string;
}

/** Indices into the data set per part, the protocol used, and a warning where it can leak. */
export interface SplitResult {
  train: number[];
  validation: number[];
  test: number[];
  protocol: SplitProtocol;
  warning?: string;
}

export const DEFAULT_RATIOS: [number, number, number] = [7, 1, 2];
export const PART_NAMES = ['train', 'validation', 'test'] as const;
export type PartName = (typeof PART_NAMES)[number];
