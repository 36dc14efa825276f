export type { Dataset } from './data/dataset.js';
export type { Preprocessing, PreprocessingKind } from './preprocess/spec.js';
export { preprocessingKinds } from './preprocess/spec.js';
export type { ConvLayerGeometry, ConvSpec, ModelGeometry, Padding } from './model/geometry.js';
export { convOutput, modelGeometry, FILTERS } from './model/geometry.js';
export { buildModel, LAYER_NAMES } from './model/buildModel.js';
export type { BuildModelOptions } from './model/buildModel.js';
export type { EpochRecord, Metrics, RunRecord, SplitProtocol } from './run/runRecord.js';
export { RUN_FILES } from './run/runRecord.js';
