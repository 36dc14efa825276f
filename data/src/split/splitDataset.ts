import { readFile } from 'node:fs/promises';
import type { Dataset } from '../dataset.js';
import { groupUnits, spectrumUnits } from './splitUnits.js';
import { splitFromTable } from './splitFromTable.js';
import { stratifiedUnits } from './stratifiedUnits.js';
import { DEFAULT_RATIOS, type SplitOptions, type SplitResult } from './splitTypes.js';

export const RANDOM_SPLIT_WARNING =
  'random split: groups (replicates, isolates) were ignored, so near-duplicate spectra may sit on both sides and inflate validation and test accuracy';
const NO_GROUPS_WARNING = 'no groups known: spectra were split as independent; if some are replicates of one sample, near-duplicates may straddle the split';

/**
 * Splits a data set into train/validation/test (indices). Stratified by class and seeded.
 * `group-aware` (the default when groups are known) keeps every group on one side, stratified
 * by the group's class. `file` reads a split table; when it has no validation part (UCR splits
 * do not), validation is taken from the train side in the ratio validation/(train+validation),
 * group-aware when groups are known, with the same seed.
 */
export async function splitDataset(dataset: Dataset, options: SplitOptions = {}): Promise<SplitResult> {
  const seed = options.seed ?? 1;
  const ratios = options.ratios ?? DEFAULT_RATIOS;
  const protocol = options.protocol === undefined || options.protocol === 'auto' ? (options.splitFile ? 'file' : dataset.groups ? 'group-aware' : 'random') : options.protocol;
  if (protocol === 'file') {
    if (!options.splitFile) throw new Error('split protocol "file" needs a split file (--split-file)');
    const parts = splitFromTable(dataset, await readFile(options.splitFile, 'utf8'), options.splitFile);
    if (parts[1].length === 0 && ratios[1] > 0) {
      const units = dataset.groups ? groupUnits(dataset, parts[0]) : spectrumUnits(dataset, parts[0]);
      const [train, validation] = stratifiedUnits(units, [ratios[0], ratios[1], 0], seed, dataset.groups ? 'group' : 'spectrum');
      return { train, validation, test: parts[2], protocol };
    }
    return { train: parts[0], validation: parts[1], test: parts[2], protocol };
  }
  if (protocol === 'group-aware') {
    const [train, validation, test] = stratifiedUnits(groupUnits(dataset), ratios, seed, 'group');
    return { train, validation, test, protocol };
  }
  if (protocol !== 'random') throw new Error(`unknown split protocol "${String(protocol)}"; expected auto, group-aware, random or file`);
  const [train, validation, test] = stratifiedUnits(spectrumUnits(dataset), ratios, seed, 'spectrum');
  return { train, validation, test, protocol, warning: dataset.groups ? RANDOM_SPLIT_WARNING : NO_GROUPS_WARNING };
}
