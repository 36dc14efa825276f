/**
 * @spectracam/data: spectra in, one Dataset out. This entry is browser-safe (bytes and text, no
 * file system); Node's entry (the `node` export condition) adds files, folders and streaming.
 */
export type { Dataset } from './dataset.js';
export type { Orientation, ReaderFormat, ReaderOptions, SpectrumFormat } from './readerOptions.js';
export { readerFormats, spectrumFormats } from './readerOptions.js';
export { detectTextFormat } from './detectFormat.js';
export * from './parse/index.js';
export type { FileSpectrum, SpectrumReader } from './readers/spectrumReaders.js';
export {
  SPECTRUM_READERS,
  SNIFF_BYTES,
  spectrumReaderFor,
  sniffSpectrumReader,
  spectrumReaderNamed,
  parseSpectrumFile,
  isSpectrumFileName,
  decodeText,
} from './readers/spectrumReaders.js';
export { addSpectra } from './readers/addSpectra.js';
export { datasetFromBytes } from './readers/datasetFromBytes.js';
export type { DatasetFromBytesOptions } from './readers/datasetFromBytes.js';
export { generateSynthetic } from './synth/generateSynthetic.js';
export type { GroundTruth, SyntheticOptions } from './synth/generateSynthetic.js';
export { SYNTHETIC_BANDS, SYNTHETIC_CLASSES } from './synth/syntheticBands.js';
export type { SyntheticBand } from './synth/syntheticBands.js';
export { datasetToCsv } from './synth/syntheticCsv.js';
export { looksRaman } from './looksRaman.js';
export { seededRandom, shuffledIndices } from './random/seededRandom.js';
export { createPrng, shuffle } from './random/prng.js';
export type { Prng } from './random/prng.js';
export type { SplitOptions, SplitResult, PartName, SplitProtocol } from './split/splitTypes.js';
export { DEFAULT_RATIOS, PART_NAMES } from './split/splitTypes.js';
export { splitFromTable } from './split/splitFromTable.js';
export { stratifiedUnits } from './split/stratifiedUnits.js';
export { crossValidationFolds } from './split/crossValidationFolds.js';
export type { SplitUnit } from './split/stratifiedUnits.js';
