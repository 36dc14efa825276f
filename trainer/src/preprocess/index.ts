export { fitPreprocessing } from './fitPreprocessing.js';
export { applyPreprocessing } from './applyPreprocessing.js';
export { rawUnitScale, readableRawScale } from './rawUnitScale.js';
