export { splitDataset, RANDOM_SPLIT_WARNING } from './splitDataset.js';
export type { SplitOptions, SplitResult, PartName } from './splitTypes.js';
export { DEFAULT_RATIOS, PART_NAMES } from './splitTypes.js';
export { splitFromTable } from './splitFromTable.js';
export { stratifiedUnits } from './stratifiedUnits.js';
export type { SplitUnit } from './stratifiedUnits.js';
