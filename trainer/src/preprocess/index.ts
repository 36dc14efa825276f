export type { Preprocessing, PreprocessingKind } from './spec.js';
export { preprocessingKinds } from './spec.js';
export { fitPreprocessing } from './fitPreprocessing.js';
export { applyPreprocessing } from './applyPreprocessing.js';
