export { plsPreprocess } from './plsPreprocess.js';
export type { PlsPreprocessOptions } from './plsPreprocess.js';
export { nearestNeighbourEstimator, snvRow } from './nearestNeighbour.js';
export { looksRaman } from '@spectracam/data';
