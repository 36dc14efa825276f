export type { Estimator, FitRequest, Fitted, Part, Partition, Splitter } from './estimator.js';
export { PARTS } from './estimator.js';
export { crossValidate } from './crossValidate.js';
export type { CrossValidation, CrossValidateHooks, FitScore } from './crossValidate.js';
export { monteCarloSplitter } from './monteCarloSplitter.js';
export { fileSplitter } from './fileSplitter.js';
export type { MonteCarloOptions } from './monteCarloSplitter.js';
