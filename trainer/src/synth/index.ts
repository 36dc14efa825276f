export { generateSynthetic } from './generateSynthetic.js';
export { SYNTHETIC_TRAIN_OPTIONS } from './syntheticTrainOptions.js';
export type { GroundTruth, SyntheticOptions } from './generateSynthetic.js';
export { SYNTHETIC_BANDS, SYNTHETIC_CLASSES } from './syntheticBands.js';
export type { SyntheticBand } from './syntheticBands.js';
export { datasetToCsv } from './syntheticCsv.js';
export { writeSynthetic, SYNTHETIC_FILES } from './writeSynthetic.js';
export { createPrng, shuffle } from './prng.js';
export type { Prng } from './prng.js';
