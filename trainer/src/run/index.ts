export { REQUIRED_RUN_FILES, RUN_FILES, recallOf } from './runRecord.js';
export { computeRunFeatures, FEATURE_PARTS } from './runFeatures.js';
export type { FeatureBlock, FeaturePart, RunFeatures } from './runFeatures.js';
export type { EpochRecord, Metrics, RunRecord } from './runRecord.js';
export { writeRun, isRunDirectory } from './writeRun.js';
export type { WriteRunOptions } from './writeRun.js';
export { readRun } from './readRun.js';
