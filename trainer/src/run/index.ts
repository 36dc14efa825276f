export { RUN_FILES, recallOf } from './runRecord.js';
export type { EpochRecord, Metrics, RunRecord } from './runRecord.js';
export { writeRun, isRunDirectory } from './writeRun.js';
export type { WriteRunOptions } from './writeRun.js';
export { readRun } from './readRun.js';
