/** @spectracam/data in Node: the browser-safe entry plus files, folders, streaming and writing. */
export * from './index.js';
export { loadDataset, assembleOptions, fileReader } from './loadDataset.js';
export type { LoadOptions } from './loadDataset.js';
export { readDatasetChunks } from './readDatasetChunks.js';
export type { ChunkOptions } from './readDatasetChunks.js';
export { readFolder, listFolder, readFolderFiles } from './readFolder.js';
export { readSpectrumFile, isSpectrumFile, spectrumFileReader } from './readSpectrumFile.js';
export { datasetFingerprint } from './datasetFingerprint.js';
export { splitDataset, RANDOM_SPLIT_WARNING } from './split/splitDataset.js';
export { writeSynthetic, SYNTHETIC_FILES } from './synth/writeSynthetic.js';
export { readLines } from './io/readLines.js';
export type { ReadLinesOptions } from './io/readLines.js';
export { writeFileAtomic } from './io/writeFileAtomic.js';
export { checkOutput } from './io/outputGuard.js';
export type { OutputCheck, OutputState } from './io/outputGuard.js';
export { lockOutput } from './io/outputLock.js';
