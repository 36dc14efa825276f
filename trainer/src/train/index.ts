export { trainRun, trainSettings } from './trainRun.js';
export { fitModel } from './fitModel.js';
export { LEARNED_FRACTION, MAX_RESTARTS } from './fitMember.js';
export type { FitOptions, FitHooks, FitProgress, FitResult } from './fitModel.js';
export { evaluateModel, predictProbabilities } from './evaluateModel.js';
export type { Evaluation } from './evaluateModel.js';
export { trainDefaults, STUDY_ARCHITECTURE } from './trainOptions.js';
export type { TrainOptions, TrainHooks, TrainProgress } from './trainOptions.js';
export { trainEpoch } from './trainEpoch.js';
