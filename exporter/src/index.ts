export { exportModel, buildOnnx } from './exportModel.js';
export { exportRun } from './exportRun.js';
export { loadRunDir } from './run/loadRunDir.js';
export { modelMetadata, metadataProps } from './metadata.js';
export { IR_VERSION } from './exportOptions.js';
export type { ExportOptions, ExportResult, ExportRunOptions, FeatureLayer } from './exportOptions.js';
