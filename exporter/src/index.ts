export { exportModel, buildOnnx } from './exportModel.js';
export { exportRun } from './exportRun.js';
export { loadRunDir } from './run/loadRunDir.js';
export { modelMetadata, metadataProps } from './metadata.js';
export { IR_VERSION } from './exportOptions.js';
export type { ExportOptions, ExportResult, ExportRunOptions, FeatureLayer, NoveltyOptions } from './exportOptions.js';
export { DEFAULT_NOVELTY_QUANTILE, fitNovelty, noveltyThreshold } from './novelty/fitNovelty.js';
export type { NoveltyFit } from './novelty/fitNovelty.js';
