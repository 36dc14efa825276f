export type { ExplainedSpectrum } from './explainedSpectrum.js';
export { peakOnBand } from './peakOnBand.js';
export type { PeakOnBand } from './peakOnBand.js';
export { topInRange } from './topInRange.js';
export type { RangeShare } from './topInRange.js';
