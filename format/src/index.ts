/**
 * @spectracam/format: the model-file contract (tensor names, metadata keys, format version,
 * geometry types) shared by whoever writes a file and whoever reads it. No ONNX Runtime here; the
 * protobuf helpers live behind `@spectracam/format/onnx`.
 */
export * from './contract/contract.js';
export type { Preprocessing, PreprocessingKind } from './contract/preprocessing.js';
export { preprocessingKinds } from './contract/preprocessing.js';
export { parseMetadata } from './contract/parseMetadata.js';
export * from './geometry/index.js';
export { SPECTRACAM_VERSION, producer } from './producer.js';
