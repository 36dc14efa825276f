export type { Dataset } from './dataset.js';
export type { Orientation, ReaderFormat, ReaderOptions } from './readerOptions.js';
export { readerFormats } from './readerOptions.js';
export { loadDataset } from './loadDataset.js';
export type { LoadOptions } from './loadDataset.js';
export { readFolder } from './readFolder.js';
export { detectTextFormat } from './detectFormat.js';
export { datasetFingerprint } from './datasetFingerprint.js';
export * from './parse/index.js';
