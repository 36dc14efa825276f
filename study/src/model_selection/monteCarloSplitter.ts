import { splitDataset, type SplitProtocol } from '@spectracam/data';
import type { Partition, Splitter } from './estimator.js';

export interface MonteCarloOptions {
  /** Random partitions beside the base partition. @default 5 */
  partitions?: number;
  /** @default 'auto' (group-aware when the data set has groups, else random) */
  protocol?: 'auto' | SplitProtocol;
  /** @default [0.7, 0.1, 0.2] */
  ratios?: [number, number, number];
}

/**
 * The study's Monte-Carlo partitions (section 2.4): partition 0 is the base split (seed 0),
 * partitions 1..n are re-drawn with seeds 1..n, each stratified 7:1:2 (group-aware when groups
 * are known).
 */
export function monteCarloSplitter(options: MonteCarloOptions = {}): Splitter {
  const { partitions = 5, protocol = 'auto', ratios = [0.7, 0.1, 0.2] } = options;
  if (!Number.isInteger(partitions) || partitions < 0) throw new RangeError(`partitions must be a whole number >= 0, got ${partitions}`);
  return {
    async *partitions(dataset) {
      for (let index = 0; index <= partitions; index++) {
        const split = await splitDataset(dataset, { protocol, seed: index, ratios });
        const partition: Partition = { index, seed: index, protocol: split.protocol, train: split.train, validation: split.validation, test: split.test };
        if (split.warning) partition.warning = split.warning;
        yield partition;
      }
    },
  };
}
