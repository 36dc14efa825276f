import { splitDataset } from '@spectracam/data';
import type { Splitter } from './estimator.js';

/**
 * A fixed split from a split table (e.g. the UCR archive's train/test): one partition per seed,
 * the seed drawing the validation part from the training side when the table has none.
 */
export function fileSplitter(splitFile: string, seeds: readonly number[] = [0]): Splitter {
  return {
    async *partitions(dataset) {
      for (const [index, seed] of seeds.entries()) {
        const split = await splitDataset(dataset, { protocol: 'file', splitFile, seed });
        yield { index, seed, protocol: split.protocol, train: split.train, validation: split.validation, test: split.test };
      }
    },
  };
}
