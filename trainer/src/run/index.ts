export { RUN_FILES } from './runRecord.js';
export type { EpochRecord, Metrics, RunRecord, SplitProtocol } from './runRecord.js';
export { writeRun } from './writeRun.js';
export { readRun } from './readRun.js';
